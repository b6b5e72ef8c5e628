import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { errorCode } from "../../db/connection-error";
import { applyMigrations } from "../../db/migrate";
import { prepareAppDatabase, type AppDatabase, type DatabaseTarget } from "./app-database";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { createFreshDatabase, type FreshDatabase } from "./test-database";

const kind = inject("databaseKind");

/** Runs `work` on a one-connection client for `url`, then closes it. */
async function using<T>(url: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

async function sqlState(query: Promise<unknown>): Promise<string | undefined> {
  try {
    await query;
    return "accepted";
  } catch (error) {
    return errorCode(error);
  }
}

/**
 * Its own server of the run's kind, first migrated by the administrator alone, as every database was
 * before the roles existed; then prepared as the stack prepares it.
 */
describe(`prepareAppDatabase on ${kind}`, () => {
  let fresh: FreshDatabase | undefined;
  let embedded: EmbeddedPostgres | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "taskpilot-roles-"));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  let target: DatabaseTarget;
  let prepared: AppDatabase;

  /** A later migration: on PostgreSQL the owner's login, on PGlite the one backend switched to the owner. */
  async function asOwner<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
    if (!embedded) return using(prepared.ownerUrl!, work);
    await embedded.setRole(prepared.roles.owner);
    try {
      return await using(embedded.url, work);
    } finally {
      await embedded.setRole(prepared.roles.app);
    }
  }

  beforeAll(async () => {
    if (kind === "postgresql") {
      fresh = await createFreshDatabase(inject("databaseServerUrl"), "roles");
      target = { kind: "postgresql", adminUrl: fresh.url };
    } else {
      embedded = await startEmbeddedPostgres({ port, dataDir });
      target = { kind: "embedded", server: embedded };
    }
    await applyMigrations(fresh?.url ?? embedded!.url);
    prepared = await prepareAppDatabase(target);
  });

  afterAll(async () => {
    await fresh?.drop();
    await embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("hands every table, sequence, type and function of the schema to the owner", async () => {
    const owned = await using(
      prepared.appUrl,
      (sql) => sql<{ name: string; owner: string }[]>`
      select c.relname as name, pg_get_userbyid(c.relowner) as owner from pg_class c
        join pg_namespace n on n.oid = c.relnamespace where n.nspname in ('public', 'drizzle')
      union all select t.typname, pg_get_userbyid(t.typowner) from pg_type t
        join pg_namespace n on n.oid = t.typnamespace where n.nspname in ('public', 'drizzle')
      union all select p.proname, pg_get_userbyid(p.proowner) from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace where n.nspname in ('public', 'drizzle')
      union all select nspname, pg_get_userbyid(nspowner) from pg_namespace where nspname = 'drizzle'`,
    );
    expect(owned.map((object) => object.name)).toEqual(
      expect.arrayContaining(["tasks", "users", "plan", "tasks_count_open_rows", "__drizzle_migrations", "drizzle"]),
    );
    expect(owned.filter((object) => object.owner !== prepared.roles.owner)).toEqual([]);
  });

  it("lets the app use a table and sequence a later migration creates, and nothing more", async () => {
    await asOwner((sql) => sql`create table later_migration (id serial primary key, note text not null)`);
    await using(prepared.appUrl, async (sql) => {
      const [row] = await sql<{ id: number }[]>`insert into later_migration (note) values ('by the app') returning id`;
      expect(row?.id).toBe(1);
      expect(await sql`select note from later_migration`).toEqual([{ note: "by the app" }]);
      expect(await sqlState(sql`alter table later_migration add column intruder text`)).toBe("42501");
      expect(await sqlState(sql`drop table later_migration`)).toBe("42501");
    });
  });

  it("prepares the same database again at the next start", async () => {
    if (embedded) {
      await embedded.stop();
      embedded = await startEmbeddedPostgres({ port, dataDir });
      target = { kind: "embedded", server: embedded };
    }
    prepared = await prepareAppDatabase(target);
    const [row] = await using(prepared.appUrl, (sql) => sql<{ role: string }[]>`select current_user as role`);
    expect(row?.role).toBe(prepared.roles.app);
    expect(await sqlState(using(prepared.appUrl, (sql) => sql`create table intruder (id integer)`))).toBe("42501");
  });
});
