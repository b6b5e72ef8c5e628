import "server-only";
import * as Sentry from "@sentry/nextjs";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { metrics, metricsEnabled, recordExternalCall } from "@/lib/observability/metrics";
import { singleton } from "@/lib/singleton";
import { createDatabase } from "./connect";

/** The statement's verb (select, insert, …): a label with few values, unlike the SQL text. */
function operationOf(text: string): string {
  return /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? "query";
}

/** Each query becomes a Sentry span, a latency observation and, when slow, a log line. */
function observeQuery(text: string) {
  const operation = operationOf(text);
  const span = Sentry.startInactiveSpan({
    name: text.slice(0, 120),
    op: "db.query",
    attributes: { "db.system": "postgresql", "db.operation": operation, "db.statement": text.slice(0, 2_000) },
  });
  return ({ ok, durationMs }: { ok: boolean; durationMs: number }) => {
    span.setStatus({ code: ok ? 1 : 2 });
    span.end();
    recordExternalCall("database", operation, ok ? "ok" : "error", durationMs);
    if (durationMs < env.DATABASE_SLOW_QUERY_MS) return;
    if (metricsEnabled) metrics.slowQueries.inc();
    // The statement text only: parameters can hold personal data.
    logger.warn(
      { service: "database", durationMs: Math.round(durationMs), query: text.slice(0, 500), ok },
      "slow query",
    );
  };
}

const database = singleton("database", () =>
  createDatabase({
    url: env.DATABASE_URL,
    poolMax: env.DATABASE_POOL_MAX,
    connectTimeoutSeconds: env.DATABASE_CONNECT_TIMEOUT_SECONDS,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    observeQuery,
  }),
);

export const db = database.db;
