import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { env } from "@/lib/env";
import { singleton } from "@/lib/singleton";

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "Route handler and Server Action duration by route and status.",
      labelNames: ["route", "method", "status"],
      buckets: latencyBuckets,
      registers,
    }),
    externalCallDuration: new Histogram({
      name: "external_call_duration_seconds",
      help: "Calls to external services (database, Stripe, Clerk) by service, operation and outcome.",
      labelNames: ["service", "operation", "outcome"],
      buckets: latencyBuckets,
      registers,
    }),
    slowQueries: new Counter({
      name: "db_slow_queries_total",
      help: "Queries slower than DATABASE_SLOW_QUERY_MS.",
      registers,
    }),
    webhookEvents: new Counter({
      name: "webhook_events_total",
      help: "Webhook deliveries by provider and outcome (received, processed, duplicate, failed, ignored, rejected).",
      labelNames: ["provider", "outcome"],
      registers,
    }),
    securityEvents: new Counter({
      name: "taskpilot_security_events_total",
      help: "Requests refused for security reasons, by reason (rate_limited, origin_refused, ...) and route.",
      labelNames: ["reason", "route"],
      registers,
    }),
    breakerState: new Gauge({
      name: "circuit_breaker_state",
      help: "Circuit breaker state by service: 0 closed, 1 half-open, 2 open.",
      labelNames: ["service"],
      registers,
    }),
  };
}

export const metrics = singleton("metrics", createMetrics);

/** METRICS_ENABLED=false turns recording off (the overhead benchmark compares both). */
export const metricsEnabled = env.METRICS_ENABLED;

export type ExternalService = "database" | "stripe" | "clerk";

export function recordExternalCall(
  service: ExternalService,
  operation: string,
  outcome: string,
  durationMs: number,
): void {
  if (metricsEnabled) metrics.externalCallDuration.observe({ service, operation, outcome }, durationMs / 1_000);
}

export function recordWebhook(provider: "stripe" | "clerk", outcome: string): void {
  if (metricsEnabled) metrics.webhookEvents.inc({ provider, outcome });
}

export function recordSecurityEvent(reason: string, route: string): void {
  if (metricsEnabled) metrics.securityEvents.inc({ reason, route });
}
