import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { createDatabase, type FinishedQuery } from "./connect";

function logSlowQuery(query: FinishedQuery) {
  if (query.durationMs < env.DATABASE_SLOW_QUERY_MS) return;
  // The statement text only: parameters can hold personal data.
  logger.warn({ durationMs: Math.round(query.durationMs), query: query.text.slice(0, 500), ok: query.ok }, "slow query");
}

function connect() {
  return createDatabase({
    url: env.DATABASE_URL,
    poolMax: env.DATABASE_POOL_MAX,
    connectTimeoutSeconds: env.DATABASE_CONNECT_TIMEOUT_SECONDS,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    onQuery: logSlowQuery,
  });
}

// Hot reload in dev re-evaluates modules; caching on globalThis keeps one pool instead of one per edit.
const cache = globalThis as unknown as { taskpilotDatabase?: ReturnType<typeof connect> };
const database = cache.taskpilotDatabase ?? connect();
if (env.NODE_ENV !== "production") cache.taskpilotDatabase = database;

export const db = database.db;
export const sql = database.sql;
