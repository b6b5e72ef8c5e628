import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { errorCode } from "@/db/connection-error";
import { quoteIdentifier } from "@/db/roles";
import { tasks, users } from "@/db/schema";
import { db } from "@/lib/db";

const roles = inject("databaseRoles");
const insufficientPrivilege = "42501";

/** The SQLSTATE a statement fails with on the app's own connection, or "accepted". */
async function outcome(statement: string): Promise<string | undefined> {
  try {
    await db.execute(sql.raw(statement));
    return "accepted";
  } catch (error) {
    return errorCode(error);
  }
}

describe("the app's database connection (lib/db)", () => {
  it("logs in as the app role, which is no superuser and may not create roles or databases", async () => {
    const [role] = await db.execute<{ name: string; privileged: boolean }>(sql`
      select current_user as name,
        rolsuper or rolcreaterole or rolcreatedb or rolreplication or rolbypassrls as privileged
      from pg_roles where rolname = current_user`);
    expect(role).toEqual({ name: roles.app, privileged: false });
  });

  it.each([
    "create table intruder (id integer)",
    "create schema intruder",
    "create temporary table intruder (id integer)",
    "create view intruder as select 1 as one",
    "create function intruder() returns integer language sql as 'select 1'",
    "create index intruder on tasks (title)",
  ])("is refused CREATE: %s", async (statement) => {
    expect(await outcome(statement)).toBe(insufficientPrivilege);
  });

  it.each([
    "alter table tasks add column intruder text",
    "alter table users disable trigger all",
    "alter type plan add value 'intruder'",
    `alter role ${quoteIdentifier(roles.app)} createdb`,
  ])("is refused ALTER: %s", async (statement) => {
    expect(await outcome(statement)).toBe(insufficientPrivilege);
  });

  it.each([
    "drop table tasks",
    "drop type plan cascade",
    "drop function tasks_count_open_rows() cascade",
    "drop schema drizzle cascade",
    "truncate tasks",
  ])("is refused DROP and TRUNCATE: %s", async (statement) => {
    expect(await outcome(statement)).toBe(insufficientPrivilege);
  });

  it("is refused the migrations' own schema", async () => {
    expect(await outcome("select * from drizzle.__drizzle_migrations")).toBe(insufficientPrivilege);
  });

  it("reads and writes its own tables", async () => {
    const userId = `user_privileges_${randomUUID()}`;
    await db.insert(users).values({ id: userId, email: "privileges@example.com" });
    const [task] = await db.insert(tasks).values({ userId, title: "Checked by the app role" }).returning();
    await db.update(tasks).set({ completed: true }).where(eq(tasks.id, task!.id));
    const [stored] = await db.select().from(tasks).where(eq(tasks.userId, userId));
    expect(stored).toMatchObject({ title: "Checked by the app role", completed: true });
    await db.delete(users).where(eq(users.id, userId));
    expect(await db.select().from(tasks).where(eq(tasks.userId, userId))).toEqual([]);
  });

  // PGlite has no logins: its session user is always the superuser `postgres`, and the app role is only
  // its current role (SET ROLE), so a connection there could return to the superuser with RESET ROLE.
  it.skipIf(inject("databaseKind") === "pglite")("cannot become the owner or a superuser", async () => {
    expect(await outcome(`set role ${quoteIdentifier(roles.owner)}`)).toBe(insufficientPrivilege);
    expect(await outcome("set session authorization postgres")).toBe(insufficientPrivilege);
    expect(await outcome("reset role")).toBe("accepted");
    const [role] = await db.execute<{ name: string }>(sql`select current_user as name`);
    expect(role?.name).toBe(roles.app);
  });
});
