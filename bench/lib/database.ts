import postgres from "postgres";
import { sql } from "drizzle-orm";
import { createDatabase, type Database } from "../../db/connect";
import { tasks, users } from "../../db/schema";
import { demoTasks } from "../../db/seed";
import { createFreshDatabase } from "../../scripts/lib/test-database";

export interface BenchDatabase {
  url: string;
  /** Printed above the results: figures from PGlite and from PostgreSQL are not comparable. */
  description: string;
  /** Environment the apps need on top of DATABASE_URL. */
  appEnv: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * With DATABASE_URL: a fresh database on that server, dropped afterwards. Without: the stack's embedded
 * PGlite (scripts/stack.ts --ephemeral serves it on the app's port + 40, in memory).
 */
export async function pickDatabase(serverUrl: string | undefined, appPort: number): Promise<BenchDatabase> {
  if (!serverUrl) {
    return {
      url: `postgres://postgres@127.0.0.1:${appPort + 40}/postgres`,
      description: "embedded PGlite, in memory (serves one connection at a time: a floor, not a production figure)",
      // Same reason as the stack's own setting: PGlite interleaves concurrent connections' messages.
      appEnv: { DATABASE_POOL_MAX: "1" },
      drop: async () => {},
    };
  }
  const fresh = await createFreshDatabase(serverUrl, "bench");
  const admin = postgres(fresh.url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin<{ server_version: string }[]>`show server_version`;
    return {
      url: fresh.url,
      description:
        `PostgreSQL ${row?.server_version ?? "(unknown version)"} at ${new URL(serverUrl).host}, ` +
        "fresh database dropped after the run",
      // The product's default, set explicitly: `next start` would otherwise take a developer's .env.local value.
      appEnv: { DATABASE_POOL_MAX: "10" },
      drop: () => fresh.drop(),
    };
  } finally {
    await admin.end();
  }
}

export function connectDatabase(url: string) {
  return createDatabase({ url, poolMax: 1, connectTimeoutSeconds: 10, statementTimeoutMs: 120_000 });
}

const batchSize = 5_000;

/**
 * The bench user's row and `count` realistic tasks (db/seed.ts's generator), then fresh planner
 * statistics. The user is on Pro: a Free account cannot hold that many open tasks, and adding a task
 * (tasks-create-action) would only ever meet the Free limit. Every benchmark sees the same plan.
 */
export async function seedTasks(
  db: Database,
  user: { id: string; email: string; name: string },
  count: number,
): Promise<void> {
  // The row usually exists already, from the user.created webhook.
  await db
    .insert(users)
    .values({ ...user, plan: "pro" })
    .onConflictDoUpdate({ target: users.id, set: { plan: "pro" } });
  const rows = demoTasks(user.id, count);
  for (let start = 0; start < rows.length; start += batchSize) {
    await db.insert(tasks).values(rows.slice(start, start + batchSize));
  }
  // A production table this size has been analysed; without statistics the planner may pick a scan.
  await db.execute(sql`analyze tasks`);
}
