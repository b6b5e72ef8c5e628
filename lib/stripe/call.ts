import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import * as Sentry from "@sentry/nextjs";
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from "cockatiel";
import Stripe from "stripe";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { metrics, metricsEnabled, recordExternalCall } from "@/lib/observability/metrics";
import { singleton } from "@/lib/singleton";
import { stripe } from "./client";

/** Failures that mean Stripe is unreachable or failing, as opposed to Stripe refusing our request. */
export function isStripeOutage(error: unknown): boolean {
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeRateLimitError)
    return true;
  return error instanceof Stripe.errors.StripeError && (error.statusCode ?? 0) >= 500;
}

/**
 * Opens after STRIPE_BREAKER_THRESHOLD consecutive outages (each already retried by the SDK), then
 * fails fast until one probe call is let through after STRIPE_BREAKER_HALF_OPEN_MS.
 */
const breaker = singleton("stripe-breaker", () => {
  const policy = circuitBreaker(handleWhen(isStripeOutage), {
    halfOpenAfter: env.STRIPE_BREAKER_HALF_OPEN_MS,
    breaker: new ConsecutiveBreaker(env.STRIPE_BREAKER_THRESHOLD),
  });
  const state = { policy, openedAt: 0 };
  policy.onBreak(() => {
    state.openedAt = Date.now();
    logger.error({ service: "stripe" }, "stripe circuit breaker opened");
  });
  policy.onReset(() => logger.info({ service: "stripe" }, "stripe circuit breaker closed"));
  policy.onStateChange((circuit) => {
    if (metricsEnabled)
      metrics.breakerState.set(
        { service: "stripe" },
        circuit === CircuitState.Closed ? 0 : circuit === CircuitState.HalfOpen ? 1 : 2,
      );
  });
  return state;
});

export type BreakerState = "closed" | "open" | "half_open";

/**
 * The breaker as callers should see it. Cockatiel moves from open to half-open only when the next
 * call arrives, so once the open period is over this already says half_open: a probe may go through.
 */
export function stripeBreakerState(): BreakerState {
  const { state } = breaker.policy;
  if (state === CircuitState.Closed) return "closed";
  if (state === CircuitState.HalfOpen || Date.now() >= breaker.openedAt + env.STRIPE_BREAKER_HALF_OPEN_MS)
    return "half_open";
  return "open";
}

/** Seconds until the open breaker lets a probe through: the Retry-After for a 503. */
export function stripeRetryAfterSeconds(): number {
  return Math.max(1, Math.ceil((breaker.openedAt + env.STRIPE_BREAKER_HALF_OPEN_MS - Date.now()) / 1_000));
}

// The SDK retries internally and emits one "request" event per attempt; counting them inside the
// call's async context gives the exact retry count for logs and metrics.
const attempts = singleton("stripe-attempts", () => {
  const storage = new AsyncLocalStorage<{ count: number }>();
  stripe.on("request", () => {
    const counter = storage.getStore();
    if (counter) counter.count += 1;
  });
  return storage;
});

export type StripeCallOutcome = "ok" | "rejected" | "unavailable" | "short_circuited";

function outcomeOf(error: unknown): StripeCallOutcome {
  if (error instanceof BrokenCircuitError) return "short_circuited";
  return isStripeOutage(error) ? "unavailable" : "rejected";
}

/**
 * Runs one Stripe API call through the breaker, in a Sentry span, and records service, operation,
 * outcome, duration and retries in the logs and metrics.
 */
export async function callStripe<T>(operation: string, call: () => Promise<T>): Promise<T> {
  return Sentry.startSpan(
    { name: `stripe ${operation}`, op: "http.client.stripe", attributes: { "stripe.operation": operation } },
    async (span) => {
      const started = performance.now();
      const counter = { count: 0 };
      let outcome: StripeCallOutcome = "ok";
      try {
        return await breaker.policy.execute(() => attempts.run(counter, call));
      } catch (error) {
        outcome = outcomeOf(error);
        span.setStatus({ code: 2, message: outcome });
        throw error;
      } finally {
        const durationMs = Math.round(performance.now() - started);
        const retries = Math.max(0, counter.count - 1);
        span.setAttributes({ "stripe.outcome": outcome, "stripe.retries": retries });
        recordExternalCall("stripe", operation, outcome, durationMs);
        logger[outcome === "ok" ? "info" : "warn"](
          { service: "stripe", operation, outcome, durationMs, retries },
          "external call",
        );
      }
    },
  );
}
