import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { knownError } from "@/lib/errors";
import { logger } from "@/lib/observability/logger";
import { recordSecurityEvent } from "@/lib/observability/metrics";
import { singleton } from "@/lib/singleton";
import { withTimeout } from "@/lib/timeout";

/** What is limited. Each bucket counts per user and per IP, or per IP only before anyone signs in. */
export type LimitBucket =
  "taskWrites" | "paymentIntent" | "billingSync" | "testError" | "webhooks" | "signIn" | "cspReports";

interface BucketPolicy {
  perUser?: number;
  perIp?: number;
  /** When the counters cannot be read: let the request through ("open") or refuse it ("closed"). */
  whenStoreFails: "open" | "closed";
}

const policies: Record<LimitBucket, BucketPolicy> = {
  // Open: a task write needs the same database anyway, and refusing every write because the counters
  // hiccuped would be the outage the limit exists to prevent.
  taskWrites: {
    perUser: env.RATE_LIMIT_TASK_WRITES_PER_USER,
    perIp: env.RATE_LIMIT_TASK_WRITES_PER_IP,
    whenStoreFails: "open",
  },
  // Closed: every call reaches Stripe, whose request quota all customers share; purchases pause (503 with
  // Retry-After) rather than go unlimited.
  paymentIntent: {
    perUser: env.RATE_LIMIT_PAYMENT_INTENT_PER_USER,
    perIp: env.RATE_LIMIT_PAYMENT_INTENT_PER_IP,
    whenStoreFails: "closed",
  },
  // Closed: the same Stripe quota; a skipped read only shows "Confirming your payment…" and the
  // webhook still brings the outcome.
  billingSync: {
    perUser: env.RATE_LIMIT_BILLING_SYNC_PER_USER,
    perIp: env.RATE_LIMIT_BILLING_SYNC_PER_IP,
    whenStoreFails: "closed",
  },
  // Closed: an operator's check that nothing depends on, and each one lands in Sentry.
  testError: {
    perUser: env.RATE_LIMIT_TEST_ERROR_PER_USER,
    perIp: env.RATE_LIMIT_TEST_ERROR_PER_IP,
    whenStoreFails: "closed",
  },
  // Open: deliveries prove themselves by signature, and a refused one delays a customer's purchase.
  webhooks: { perIp: env.RATE_LIMIT_WEBHOOKS_PER_IP, whenStoreFails: "open" },
  // Open: signing in must not depend on this app's database; Clerk limits sign-in attempts itself.
  signIn: { perIp: env.RATE_LIMIT_SIGN_IN_PER_IP, whenStoreFails: "open" },
  // Closed: nothing depends on a report, and each one lands in Sentry.
  cspReports: { perIp: env.RATE_LIMIT_CSP_REPORTS_PER_IP, whenStoreFails: "closed" },
};

/** Over the limit: routes answer 429 with Retry-After, actions a friendly refusal. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("Too many requests.");
    this.name = "RateLimitedError";
  }
}

/** The counters could not be read for a bucket that fails closed. */
export class LimitsUnavailableError extends Error {
  readonly retryAfterSeconds = env.RATE_LIMIT_WINDOW_SECONDS;
  constructor() {
    super("Abuse limits could not be checked.");
    this.name = "LimitsUnavailableError";
  }
}

/** How Server Actions answer these refusals (route handlers add Retry-After, see lib/route-handler.ts). */
export const limitErrors = [
  knownError(
    RateLimitedError,
    "rate_limited",
    429,
    "That was a lot of requests in a short time. Please wait a minute and try again.",
  ),
  knownError(LimitsUnavailableError, "unavailable", 503, "This is paused for a moment. Please try again shortly."),
];

/**
 * A counter not read within this counts as a store failure, so a struggling database cannot stall
 * requests. It includes the wait for a pooled connection, which a busy pool (or embedded PGlite's
 * single one) can make long.
 */
const storeTimeoutMs = 2_000;

/**
 * The pg-style `query({ text, values })` that RateLimiterPostgres calls, served by the app's own pool
 * (traced and measured like every other statement). The library's SQL is an atomic upsert, so
 * concurrent requests on any number of instances count correctly; its text never changes, so it is
 * prepared once per connection.
 */
const storeClient = {
  async query({ text, values = [] }: { text: string; values?: unknown[] }) {
    const rows = await db.$client.unsafe(text, values as never[], { prepare: true });
    return { rows, rowCount: rows.count };
  },
};

type Dimension = "user" | "ip";

function createLimiters(): Map<string, RateLimiterPostgres> {
  const limiters = new Map<string, RateLimiterPostgres>();
  for (const [bucket, policy] of Object.entries(policies)) {
    for (const [dimension, points] of [
      ["user", policy.perUser],
      ["ip", policy.perIp],
    ] as const) {
      if (points === undefined) continue;
      const limiter = new RateLimiterPostgres({
        storeClient,
        storeType: "pool",
        tableName: "rate_limits",
        // The table comes from migration 0005: the app's role may not create it.
        tableCreated: true,
        keyPrefix: `${bucket}:${dimension}`,
        points,
        duration: env.RATE_LIMIT_WINDOW_SECONDS,
        // They share one table, so one of them sweeping out expired rows is enough.
        clearExpiredByTimeout: limiters.size === 0,
      });
      limiters.set(`${bucket}:${dimension}`, limiter);
    }
  }
  return limiters;
}

const limiters = singleton("rate-limiters", createLimiters);

export interface LimitSubject {
  userId?: string | null;
  ip?: string | null;
}

/**
 * Counts one request in the bucket for the user and for the IP (whichever is known and limited there),
 * and throws RateLimitedError when either is over its limit for the window. A refusal is logged and
 * counted as taskpilot_security_events_total{reason="rate_limited"}. When the counters cannot be read,
 * the bucket's policy decides: through, or LimitsUnavailableError.
 */
export async function enforceLimit(bucket: LimitBucket, subject: LimitSubject, route: string): Promise<void> {
  const checks = (
    [
      ["user", subject.userId],
      ["ip", subject.ip],
    ] as const
  ).flatMap(([dimension, id]) => {
    const limiter = limiters.get(`${bucket}:${dimension}`);
    return limiter && id ? [{ dimension: dimension as Dimension, limiter, id }] : [];
  });
  const outcomes = await Promise.allSettled(
    checks.map(({ limiter, id }) => withTimeout(limiter.consume(id), storeTimeoutMs)),
  );

  const refusals = outcomes.flatMap((outcome, index) =>
    outcome.status === "rejected" && outcome.reason instanceof RateLimiterRes
      ? [{ dimension: checks[index]?.dimension, waitMs: outcome.reason.msBeforeNext }]
      : [],
  );
  if (refusals.length > 0) {
    const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...refusals.map((refusal) => refusal.waitMs)) / 1_000));
    recordSecurityEvent("rate_limited", route);
    logger.warn(
      { reason: "rate_limited", route, bucket, over: refusals.map((refusal) => refusal.dimension), retryAfterSeconds },
      "request refused",
    );
    throw new RateLimitedError(retryAfterSeconds);
  }

  const failure = outcomes.find((outcome) => outcome.status === "rejected");
  if (failure) {
    const policy = policies[bucket].whenStoreFails;
    logger.error(
      { bucket, policy, err: failure.reason instanceof Error ? failure.reason.message : String(failure.reason) },
      "abuse limits could not be checked",
    );
    if (policy === "closed") throw new LimitsUnavailableError();
  }
}
