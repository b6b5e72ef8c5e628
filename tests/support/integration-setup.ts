import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../db/migrate";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { createFreshDatabase } from "../../scripts/lib/test-database";
import { readToolEnv } from "../../scripts/lib/tool-env";

/**
 * Every integration run gets its own empty database, dropped at the end: a fresh database on the
 * server in DATABASE_URL when set, otherwise an in-memory PGlite. Workers inherit the URL through
 * process.env, which is where lib/env.ts reads it.
 */
export default async function setup(project: TestProject) {
  const { DATABASE_URL } = readToolEnv();
  const database = DATABASE_URL
    ? await createFreshDatabase(DATABASE_URL, "it")
    : await startEmbeddedPostgres({ port: 20_000 + Math.floor(Math.random() * 20_000) }).then((embedded) => ({
        url: embedded.url,
        drop: () => embedded.stop(),
      }));
  await applyMigrations(database.url);
  process.env.DATABASE_URL = database.url;
  Object.assign(process.env, { NODE_ENV: "test" });
  process.env.LOG_LEVEL ??= "silent";
  project.provide("databaseKind", DATABASE_URL ? "postgresql" : "pglite");
  console.log(`[integration] ${DATABASE_URL ? "fresh PostgreSQL database" : "embedded PGlite"} at ${new URL(database.url).host}${new URL(database.url).pathname}`);
  return async () => {
    await database.drop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseKind: "postgresql" | "pglite";
  }
}
