import { count, eq } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "./connect";
import { tasks, users } from "./schema";
import { demoTasks, demoUser, seedDemoData } from "./seed";

const { db, sql } = createDatabase({
  url: inject("databaseUrl"),
  poolMax: 1,
  connectTimeoutSeconds: 5,
  statementTimeoutMs: 30_000,
});
afterAll(() => sql.end());

describe("seedDemoData", () => {
  it("creates the demo user with a few hundred tasks, and can run again", async () => {
    await seedDemoData(db);
    await seedDemoData(db);
    const [user] = await db.select().from(users).where(eq(users.id, demoUser.id));
    expect(user).toMatchObject({ email: demoUser.email, name: demoUser.name, plan: "free" });
    const [{ value }] = (await db.select({ value: count() }).from(tasks).where(eq(tasks.userId, demoUser.id))) as [
      { value: number },
    ];
    expect(value).toBe(300);
  });

  it("generates valid, varied tasks deterministically", () => {
    const first = demoTasks("user_x", 300, new Date("2026-01-01T00:00:00Z"));
    const second = demoTasks("user_x", 300, new Date("2026-01-01T00:00:00Z"));
    expect(first).toEqual(second);
    expect(new Set(first.map((task) => task.priority))).toEqual(new Set(["low", "medium", "high"]));
    expect(first.some((task) => task.completed) && first.some((task) => !task.completed)).toBe(true);
    for (const task of first) expect(task.title.length).toBeGreaterThan(0);
  });
});
