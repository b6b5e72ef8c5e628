import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { countUnprocessedStripeEvents } from "@/lib/payments/stripe-events";
import { checkDatabase, type DependencyStatus } from "@/lib/observability/health";
import { stripeBreakerState, type BreakerState } from "@/lib/stripe/call";
import { metrics, type ExternalService } from "./metrics";

export interface LatencyBucket {
  /** Upper bound in milliseconds; Infinity for the last bucket. */
  upToMs: number;
  count: number;
}

export interface ServiceStats {
  calls: number;
  errors: number;
  errorRate: number;
  /** Upper bound of the bucket holding the 95th percentile, in ms. */
  p95Ms: number | null;
  buckets: LatencyBucket[];
}

/** Aggregates the external-call histogram for one service across its operations and outcomes. */
async function serviceStats(service: ExternalService): Promise<ServiceStats> {
  const { values } = await metrics.externalCallDuration.get();
  const mine = values.filter((value) => value.labels.service === service);
  const calls = mine
    .filter((value) => value.metricName?.endsWith("_count"))
    .reduce((sum, value) => sum + value.value, 0);
  const errors = mine
    .filter((value) => value.metricName?.endsWith("_count") && value.labels.outcome !== "ok")
    .reduce((sum, value) => sum + value.value, 0);
  const cumulative = new Map<number, number>();
  for (const value of mine.filter((entry) => entry.metricName?.endsWith("_bucket"))) {
    const bound = (value.labels as { le?: string | number }).le;
    const le = bound === "+Inf" ? Number.POSITIVE_INFINITY : Number(bound) * 1_000;
    cumulative.set(le, (cumulative.get(le) ?? 0) + value.value);
  }
  const bounds = [...cumulative.keys()].sort((a, b) => a - b);
  const buckets = bounds.map((upToMs, index) => ({
    upToMs,
    count: (cumulative.get(upToMs) ?? 0) - (index > 0 ? (cumulative.get(bounds[index - 1] as number) ?? 0) : 0),
  }));
  const p95 = bounds.find((bound) => (cumulative.get(bound) ?? 0) >= calls * 0.95);
  return {
    calls,
    errors,
    errorRate: calls ? errors / calls : 0,
    p95Ms: calls && p95 !== undefined ? p95 : null,
    buckets,
  };
}

export interface StatusReport {
  database: { check: DependencyStatus; stats: ServiceStats };
  stripe: { breaker: BreakerState; backlog: number | null; stats: ServiceStats };
  clerk: { stats: ServiceStats };
  sentry: { enabled: boolean; host: string | null; environment: string };
  security: SecurityEventCount[];
}

export interface SecurityEventCount {
  reason: string;
  count: number;
}

/** taskpilot_security_events_total summed over routes, most frequent reason first. */
export async function securityEventCounts(): Promise<SecurityEventCount[]> {
  const { values } = await metrics.securityEvents.get();
  const byReason = new Map<string, number>();
  for (const { labels, value } of values) {
    const reason = String(labels.reason);
    byReason.set(reason, (byReason.get(reason) ?? 0) + value);
  }
  return [...byReason]
    .map(([reason, count]) => ({ reason, count }))
    .filter(({ count }) => count > 0)
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

/** Everything /status shows, from the live checks and this instance's metrics registry. */
export async function statusReport(): Promise<StatusReport> {
  const [check, databaseStats, stripeStats, clerkStats, backlog, security] = await Promise.all([
    checkDatabase(),
    serviceStats("database"),
    serviceStats("stripe"),
    serviceStats("clerk"),
    countUnprocessedStripeEvents(db).catch(() => null),
    securityEventCounts(),
  ]);
  return {
    database: { check, stats: databaseStats },
    stripe: { breaker: stripeBreakerState(), backlog, stats: stripeStats },
    clerk: { stats: clerkStats },
    sentry: {
      enabled: Boolean(env.SENTRY_DSN),
      host: env.SENTRY_DSN ? new URL(env.SENTRY_DSN).host : null,
      environment: env.SENTRY_ENVIRONMENT,
    },
    security,
  };
}
