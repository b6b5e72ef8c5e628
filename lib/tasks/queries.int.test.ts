import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { tasks, users, type NewTask } from "@/db/schema";
import { env } from "@/lib/env";
import { NotFoundError, PlanLimitError } from "@/lib/tasks/errors";
import type { TaskFields } from "@/lib/tasks/schemas";
import {
  bulkCompleteTasks,
  createTask,
  deleteTask,
  getTask,
  getTaskUsage,
  listTasks,
  restoreTask,
  toggleTask,
  updateTask,
  type TaskListQuery,
} from "./queries";

const today = "2026-03-10";
const limit = env.FREE_TASK_LIMIT;

async function newUser(plan: "free" | "pro" = "free") {
  const id = `user_it_${randomUUID().replaceAll("-", "")}`;
  await db.insert(users).values({ id, plan });
  return id;
}

const fields = (overrides: Partial<TaskFields> = {}): TaskFields => ({
  title: "Write the report",
  description: "",
  priority: "medium",
  dueDate: null,
  ...overrides,
});

async function insertTasks(userId: string, rows: Partial<NewTask>[]) {
  return db
    .insert(tasks)
    .values(rows.map((row) => ({ title: "Task", ...row, userId })))
    .returning({ id: tasks.id });
}

const rowsOf = (userId: string) => db.select().from(tasks).where(eq(tasks.userId, userId)).orderBy(tasks.id);

const list = (userId: string, query: Partial<TaskListQuery> = {}) =>
  listTasks(db, userId, { q: "", status: "all", due: "any", sort: "newest", after: null, limit: 100, today, ...query });

const titles = async (userId: string, query: Partial<TaskListQuery> = {}) =>
  (await list(userId, query)).tasks.map((task) => task.title).sort();

describe("createTask and getTask", () => {
  it("creates a task for the user and reads it back without the search document", async () => {
    const userId = await newUser();
    const created = await createTask(
      db,
      userId,
      fields({ description: "Numbers from finance", priority: "high", dueDate: "2026-04-01" }),
    );
    expect(created).toMatchObject({
      userId,
      title: "Write the report",
      priority: "high",
      dueDate: "2026-04-01",
      completed: false,
    });
    expect(created).not.toHaveProperty("search");
    expect(await getTask(db, userId, created.id)).toEqual(created);
  });

  it("finds nothing for another user's id, or an unknown one", async () => {
    const [owner, other] = [await newUser(), await newUser()];
    const task = await createTask(db, owner, fields());
    expect(await getTask(db, other, task.id)).toBeUndefined();
    expect(await getTask(db, owner, randomUUID())).toBeUndefined();
  });
});

describe("updateTask", () => {
  it("changes the fields of the user's own task", async () => {
    const userId = await newUser();
    const task = await createTask(db, userId, fields());
    const updated = await updateTask(
      db,
      userId,
      task.id,
      fields({ title: "Send the report", priority: "low", dueDate: "2026-05-05" }),
    );
    expect(updated).toMatchObject({ id: task.id, title: "Send the report", priority: "low", dueDate: "2026-05-05" });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(task.updatedAt.getTime());
  });

  it("answers not found for another user's task and leaves it as it was", async () => {
    const [owner, other] = [await newUser(), await newUser()];
    const task = await createTask(db, owner, fields());
    const before = await rowsOf(owner);
    await expect(updateTask(db, other, task.id, fields({ title: "Hijacked" }))).rejects.toBeInstanceOf(NotFoundError);
    expect(await rowsOf(owner)).toEqual(before);
  });
});

describe("toggleTask", () => {
  it("sets done and open explicitly, so repeating a call changes nothing more", async () => {
    const userId = await newUser();
    const task = await createTask(db, userId, fields());
    expect((await toggleTask(db, userId, task.id, true)).completed).toBe(true);
    expect((await toggleTask(db, userId, task.id, true)).completed).toBe(true);
    expect((await toggleTask(db, userId, task.id, false)).completed).toBe(false);
    expect((await toggleTask(db, userId, task.id, false)).completed).toBe(false);
  });

  it("answers not found for another user's task, either way", async () => {
    const [owner, other] = [await newUser(), await newUser()];
    const [open, done] = await insertTasks(owner, [{ completed: false }, { completed: true }]);
    const before = await rowsOf(owner);
    await expect(toggleTask(db, other, open!.id, true)).rejects.toBeInstanceOf(NotFoundError);
    await expect(toggleTask(db, other, done!.id, false)).rejects.toBeInstanceOf(NotFoundError);
    expect(await rowsOf(owner)).toEqual(before);
  });
});

describe("deleteTask and restoreTask", () => {
  it("deletes a task, returns it, and restores it under the same id and position", async () => {
    const userId = await newUser();
    const task = await createTask(db, userId, fields({ description: "Keep me", dueDate: "2026-03-12" }));
    const deleted = await deleteTask(db, userId, task.id);
    expect(deleted).toMatchObject({ id: task.id, description: "Keep me" });
    expect(await getTask(db, userId, task.id)).toBeUndefined();

    const snapshot = {
      ...fields({ description: "Keep me", dueDate: "2026-03-12" }),
      id: task.id,
      completed: false,
      createdAt: task.createdAt.toISOString(),
    };
    const restored = await restoreTask(db, userId, snapshot);
    expect(restored).toMatchObject({
      id: task.id,
      description: "Keep me",
      dueDate: "2026-03-12",
      createdAt: task.createdAt,
    });
    // A second undo (double click, retry) is harmless.
    await expect(restoreTask(db, userId, snapshot)).resolves.toMatchObject({ id: task.id });
    expect(await rowsOf(userId)).toHaveLength(1);
  });

  it("answers not found when deleting another user's task, or restoring over it", async () => {
    const [owner, other] = [await newUser(), await newUser()];
    const task = await createTask(db, owner, fields());
    const before = await rowsOf(owner);
    await expect(deleteTask(db, other, task.id)).rejects.toBeInstanceOf(NotFoundError);
    const forged = {
      ...fields({ title: "Mine now" }),
      id: task.id,
      completed: false,
      createdAt: new Date().toISOString(),
    };
    await expect(restoreTask(db, other, forged)).rejects.toBeInstanceOf(NotFoundError);
    expect(await rowsOf(owner)).toEqual(before);
    expect(await rowsOf(other)).toEqual([]);
  });
});

describe("bulkCompleteTasks", () => {
  it("completes the given tasks and counts the ones that were open", async () => {
    const userId = await newUser();
    const [a, b, c, untouched] = await insertTasks(userId, [{}, {}, { completed: true }, {}]);
    await expect(bulkCompleteTasks(db, userId, [a!.id, b!.id, c!.id, a!.id])).resolves.toEqual({ completed: 2 });
    const rows = await rowsOf(userId);
    expect(
      rows
        .filter((row) => row.completed)
        .map((row) => row.id)
        .sort(),
    ).toEqual([a!.id, b!.id, c!.id].sort());
    expect(rows.find((row) => row.id === untouched!.id)?.completed).toBe(false);
  });

  it("changes nothing at all when any id is someone else's or unknown", async () => {
    const [owner, other] = [await newUser(), await newUser()];
    const [mine] = await insertTasks(other, [{}]);
    const [theirs] = await insertTasks(owner, [{}]);
    const [ownerBefore, otherBefore] = [await rowsOf(owner), await rowsOf(other)];
    await expect(bulkCompleteTasks(db, other, [mine!.id, theirs!.id])).rejects.toBeInstanceOf(NotFoundError);
    await expect(bulkCompleteTasks(db, other, [mine!.id, randomUUID()])).rejects.toBeInstanceOf(NotFoundError);
    expect(await rowsOf(owner)).toEqual(ownerBefore);
    expect(await rowsOf(other)).toEqual(otherBefore);
  });
});

describe("getTaskUsage", () => {
  it("counts open tasks against the Free limit; Pro has none", async () => {
    const [free, pro] = [await newUser("free"), await newUser("pro")];
    await insertTasks(free, [{}, {}, { completed: true }]);
    expect(await getTaskUsage(db, free)).toEqual({ plan: "free", open: 2, limit });
    expect(await getTaskUsage(db, pro)).toEqual({ plan: "pro", open: 0, limit: null });
  });
});

describe("the open-task count kept on the user's row", () => {
  const counted = async (userId: string) =>
    (await db.select({ open: users.openTasks }).from(users).where(eq(users.id, userId)))[0]?.open;
  const actual = async (userId: string) => (await rowsOf(userId)).filter((task) => !task.completed).length;

  it("matches a real count after any sequence of writes, through the queries or straight to the table", async () => {
    const userId = await newUser("pro");
    const write = fc.oneof(
      fc.record({ kind: fc.constant("create" as const) }),
      fc.record({ kind: fc.constant("toggle" as const), pick: fc.nat(), completed: fc.boolean() }),
      fc.record({ kind: fc.constant("delete-restore" as const), pick: fc.nat(), restore: fc.boolean() }),
      fc.record({ kind: fc.constant("bulk" as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }) }),
      fc.record({
        kind: fc.constant("insert-many" as const),
        done: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
      }),
      fc.record({ kind: fc.constant("reopen-all" as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(write, { maxLength: 12 }), async (writes) => {
        for (const step of writes) {
          const ids = (await rowsOf(userId)).map((task) => task.id);
          const at = (pick: number) => ids[pick % Math.max(ids.length, 1)];
          if (step.kind === "create") await createTask(db, userId, fields());
          else if (step.kind === "insert-many")
            await insertTasks(
              userId,
              step.done.map((completed) => ({ completed })),
            );
          else if (step.kind === "reopen-all")
            await db.update(tasks).set({ completed: false }).where(eq(tasks.userId, userId));
          else if (ids.length === 0) continue;
          else if (step.kind === "toggle") await toggleTask(db, userId, at(step.pick) as string, step.completed);
          else if (step.kind === "bulk")
            await bulkCompleteTasks(
              db,
              userId,
              step.picks.map((pick) => at(pick) as string),
            );
          else {
            const deleted = await deleteTask(db, userId, at(step.pick) as string);
            if (step.restore) await restoreTask(db, userId, { ...deleted, createdAt: deleted.createdAt.toISOString() });
          }
          expect(await counted(userId)).toBe(await actual(userId));
        }
      }),
      { numRuns: 25, seed: 20261206 },
    );
  });
});

describe("the Free plan's open-task limit", () => {
  it("refuses the create past the limit, and allows it again once a task is done", async () => {
    const userId = await newUser();
    await insertTasks(
      userId,
      Array.from({ length: limit - 1 }, () => ({})),
    );
    const last = await createTask(db, userId, fields());
    await expect(createTask(db, userId, fields({ title: "One too many" }))).rejects.toBeInstanceOf(PlanLimitError);
    expect((await getTaskUsage(db, userId)).open).toBe(limit);

    await toggleTask(db, userId, last.id, true);
    await expect(createTask(db, userId, fields({ title: "Fits again" }))).resolves.toMatchObject({
      title: "Fits again",
    });
  });

  it("refuses to reopen a done task at the limit, and to restore a deleted open one", async () => {
    const userId = await newUser();
    const [done] = await insertTasks(userId, [{ completed: true }, ...Array.from({ length: limit }, () => ({}))]);
    await expect(toggleTask(db, userId, done!.id, false)).rejects.toBeInstanceOf(PlanLimitError);
    expect((await getTask(db, userId, done!.id))?.completed).toBe(true);
    const open = (await rowsOf(userId)).find((task) => !task.completed);
    const removed = await deleteTask(db, userId, open!.id);
    await createTask(db, userId, fields({ title: "Takes the free slot" }));
    const snapshot = { ...fields(), id: removed.id, completed: false, createdAt: removed.createdAt.toISOString() };
    await expect(restoreTask(db, userId, snapshot)).rejects.toBeInstanceOf(PlanLimitError);
    await expect(restoreTask(db, userId, { ...snapshot, completed: true })).resolves.toMatchObject({
      id: removed.id,
      completed: true,
    });
  });

  it("does not apply to Pro", async () => {
    const userId = await newUser("pro");
    await insertTasks(
      userId,
      Array.from({ length: limit }, () => ({})),
    );
    await expect(createTask(db, userId, fields())).resolves.toMatchObject({ userId });
    expect((await getTaskUsage(db, userId)).open).toBe(limit + 1);
  });

  it("holds under concurrent creates: exactly the limit ends up open", async () => {
    const userId = await newUser();
    await insertTasks(
      userId,
      Array.from({ length: limit - 5 }, () => ({})),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) => createTask(db, userId, fields({ title: `Burst ${index}` }))),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(5);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toBeInstanceOf(PlanLimitError);
    }
    expect((await getTaskUsage(db, userId)).open).toBe(limit);
  });
});

describe("listTasks filters and search", () => {
  async function fixture() {
    const userId = await newUser("pro");
    await insertTasks(userId, [
      { title: "Draft quarterly report", description: "Check numbers with finance", dueDate: "2026-03-01" },
      { title: "Send invoice to Acme", description: "Net 30 terms", dueDate: "2026-03-10", priority: "high" },
      { title: "Plan team offsite", description: "Book the venue before the report is due", dueDate: "2026-03-14" },
      { title: "Review security audit", description: "", dueDate: "2026-03-16", completed: true },
      { title: "Archive old reports", description: "Everything before 2024", completed: true, dueDate: "2026-02-01" },
      { title: "Café opening notes", description: "Ünïcode should be searchable" },
    ]);
    // Someone else's matching task must never show up.
    await insertTasks(await newUser(), [
      { title: "Draft quarterly report", description: "finance report", dueDate: "2026-03-10" },
    ]);
    return userId;
  }

  it("filters by status", async () => {
    const userId = await fixture();
    expect(await titles(userId)).toHaveLength(6);
    expect(await titles(userId, { status: "done" })).toEqual(["Archive old reports", "Review security audit"]);
    expect(await titles(userId, { status: "open" })).toHaveLength(4);
  });

  it("filters by due: overdue (open only), today, and the next seven days", async () => {
    const userId = await fixture();
    expect(await titles(userId, { due: "overdue" })).toEqual(["Draft quarterly report"]);
    expect(await titles(userId, { due: "today" })).toEqual(["Send invoice to Acme"]);
    expect(await titles(userId, { due: "week" })).toEqual([
      "Plan team offsite",
      "Review security audit",
      "Send invoice to Acme",
    ]);
    expect(await titles(userId, { due: "week", status: "open" })).toEqual([
      "Plan team offsite",
      "Send invoice to Acme",
    ]);
  });

  it("searches titles and descriptions with stemming, a prefix on the last word, and web-search syntax", async () => {
    const userId = await fixture();
    expect(await titles(userId, { q: "report" })).toEqual([
      "Archive old reports",
      "Draft quarterly report",
      "Plan team offsite",
    ]);
    expect(await titles(userId, { q: "repo" })).toEqual([
      "Archive old reports",
      "Draft quarterly report",
      "Plan team offsite",
    ]);
    expect(await titles(userId, { q: "finance" })).toEqual(["Draft quarterly report"]);
    expect(await titles(userId, { q: '"quarterly report"' })).toEqual(["Draft quarterly report"]);
    expect(await titles(userId, { q: "report -venue" })).toEqual(["Archive old reports", "Draft quarterly report"]);
    expect(await titles(userId, { q: "invoice or audit" })).toEqual(["Review security audit", "Send invoice to Acme"]);
    expect(await titles(userId, { q: "café" })).toEqual(["Café opening notes"]);
    expect(await titles(userId, { q: "nothing matches this" })).toEqual([]);
  });

  it("combines search with status and due filters", async () => {
    const userId = await fixture();
    expect(await titles(userId, { q: "report", status: "done" })).toEqual(["Archive old reports"]);
    expect(await titles(userId, { q: "report", status: "open", due: "week" })).toEqual(["Plan team offsite"]);
    expect(await titles(userId, { q: "report", due: "overdue" })).toEqual(["Draft quarterly report"]);
    expect(await titles(userId, { q: "invoice", due: "today", sort: "priority" })).toEqual(["Send invoice to Acme"]);
  });

  it("treats any search text as a query, never as SQL or a syntax error", async () => {
    const userId = await fixture();
    for (const q of [
      "'; drop table tasks; --",
      "!!!",
      ":*",
      "a & | b",
      '"',
      "(report",
      "report:*",
      "-",
      "the",
      "or",
      "\\",
    ]) {
      await expect(list(userId, { q })).resolves.toHaveProperty("tasks");
    }
    expect(await titles(userId)).toHaveLength(6);
  });
});
