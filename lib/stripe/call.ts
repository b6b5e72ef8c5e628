import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from "cockatiel";
import Stripe from "stripe";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { stripe } from "./client";

/** Failures that mean Stripe is unreachable or failing, as opposed to Stripe refusing our request. */
export function isStripeOutage(error: unknown): boolean {
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeRateLimitError) return true;
  return error instanceof Stripe.errors.StripeError && (error.statusCode ?? 0) >= 500;
}

/**
 * Opens after STRIPE_BREAKER_THRESHOLD consecutive outages (each already retried by the SDK), then
 * fails fast until one probe call is let through after STRIPE_BREAKER_HALF_OPEN_MS.
 */
export const stripeBreaker = circuitBreaker(handleWhen(isStripeOutage), {
  halfOpenAfter: env.STRIPE_BREAKER_HALF_OPEN_MS,
  breaker: new ConsecutiveBreaker(env.STRIPE_BREAKER_THRESHOLD),
});

let openedAt = 0;
stripeBreaker.onBreak(() => {
  openedAt = Date.now();
  logger.error({ service: "stripe" }, "stripe circuit breaker opened");
});
stripeBreaker.onReset(() => logger.info({ service: "stripe" }, "stripe circuit breaker closed"));

export type BreakerState = "closed" | "open" | "half_open";

export function stripeBreakerState(): BreakerState {
  if (stripeBreaker.state === CircuitState.Closed) return "closed";
  return stripeBreaker.state === CircuitState.HalfOpen ? "half_open" : "open";
}

/** Seconds until the open breaker lets a probe through: the Retry-After for a 503. */
export function stripeRetryAfterSeconds(): number {
  return Math.max(1, Math.ceil((openedAt + env.STRIPE_BREAKER_HALF_OPEN_MS - Date.now()) / 1_000));
}

// The SDK retries internally and emits one "request" event per attempt; counting them inside the
// call's async context gives the exact retry count for logs and metrics.
const attempts = new AsyncLocalStorage<{ count: number }>();
stripe.on("request", () => {
  const counter = attempts.getStore();
  if (counter) counter.count += 1;
});

export type StripeCallOutcome = "ok" | "rejected" | "unavailable" | "short_circuited";

function outcomeOf(error: unknown): StripeCallOutcome {
  if (error instanceof BrokenCircuitError) return "short_circuited";
  return isStripeOutage(error) ? "unavailable" : "rejected";
}

/** Runs one Stripe API call through the breaker and records service, operation, outcome, duration and retries. */
export async function callStripe<T>(operation: string, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const counter = { count: 0 };
  let outcome: StripeCallOutcome = "ok";
  try {
    return await stripeBreaker.execute(() => attempts.run(counter, call));
  } catch (error) {
    outcome = outcomeOf(error);
    throw error;
  } finally {
    const durationMs = Math.round(performance.now() - started);
    const retries = Math.max(0, counter.count - 1);
    logger[outcome === "ok" ? "info" : "warn"]({ service: "stripe", operation, outcome, durationMs, retries }, "external call");
  }
}
