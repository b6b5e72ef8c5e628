import "server-only";
import * as Sentry from "@sentry/nextjs";
import type { QueryObserver } from "@/db/connect";
import { env } from "@/lib/env";
import { logger } from "./logger";
import { metrics, metricsEnabled, recordExternalCall } from "./metrics";

/** The statement's verb (select, insert, …): a label with few values, unlike the SQL text. */
function operationOf(text: string): string {
  return /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? "query";
}

/** Each query becomes a Sentry span, a latency observation and, when slow, a log line. */
export const observeQuery: QueryObserver = (text) => {
  const operation = operationOf(text);
  const span = Sentry.startInactiveSpan({
    name: text.slice(0, 120),
    op: "db.query",
    attributes: { "db.system": "postgresql", "db.operation": operation, "db.statement": text.slice(0, 2_000) },
  });
  return ({ ok, durationMs }) => {
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
};
