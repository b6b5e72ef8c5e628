import "server-only";
import { createDatabase } from "@/db/connect";
import { env } from "@/lib/env";
import { observeQuery } from "@/lib/observability/query-observer";
import { singleton } from "@/lib/singleton";

/** The app's one database: configured from env, every statement traced, measured and slow-logged. */
export const db = singleton("database", () =>
  createDatabase({
    url: env.DATABASE_URL,
    poolMax: env.DATABASE_POOL_MAX,
    connectTimeoutSeconds: env.DATABASE_CONNECT_TIMEOUT_SECONDS,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: env.DATABASE_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    observeQuery,
  }),
).db;
