import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import * as Sentry from "@sentry/nextjs";
import {
  BrokenCircuitError,
  CircuitState,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
} from "cockatiel";
import Stripe from "stripe";
import { insideTransaction } from "@/db/connect";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { metrics, metricsEnabled, recordExternalCall } from "@/lib/observability/metrics";
import { singleton } from "@/lib/singleton";
import { DistinctCallersBreaker } from "./breaker";
import { stripe } from "./client";

/** Failures that mean Stripe is unreachable or failing, as opposed to Stripe refusing our request. */
export function isStripeOutage(error: unknown): boolean {
  if (error instanceof Stripe.errors.StripeConnectionError) return true;
  return error instanceof Stripe.errors.StripeError && (error.statusCode ?? 0) >= 500;
}

/** Stripe asking us to slow down (429): backed off and retried, never counted as an outage. */
export function isStripeRateLimit(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeRateLimitError;
}

/** Stripe could not serve the call for now (down, slow to recover, or asking us to slow down). */
export function isStripeUnavailable(error: unknown): boolean {
  return error instanceof BrokenCircuitError || isStripeOutage(error) || isStripeRateLimit(error);
}

/** A programming error: a Stripe call was attempted while a database transaction held its connection. */
export class StripeCallInTransactionError extends Error {
  constructor(operation: string) {
    super(`stripe ${operation} was called inside a database transaction; read from Stripe first, then write`);
    this.name = "StripeCallInTransactionError";
  }
}

interface CallContext {
  /** Requests the SDK sent for this call: its own retries and our rate-limit retries included. */
  requests: number;
  caller: string;
}

// The SDK emits one "request" event per attempt; counting them inside the call's async context gives
// the exact retry count for logs and metrics, and the context names the caller for the breaker.
const callContext = singleton("stripe-call-context", () => {
  const storage = new AsyncLocalStorage<CallContext>();
  stripe.on("request", () => {
    const context = storage.getStore();
    if (context) context.requests += 1;
  });
  return storage;
});

/**
 * Opens after STRIPE_BREAKER_THRESHOLD consecutive outages for distinct callers (each already retried
 * by the SDK), then fails fast until one probe call is let through after STRIPE_BREAKER_HALF_OPEN_MS.
 * Rate limits are retried with backoff around it, so a 429 never opens it.
 */
const breaker = singleton("stripe-breaker", () => {
  const circuit = circuitBreaker(handleWhen(isStripeOutage), {
    halfOpenAfter: env.STRIPE_BREAKER_HALF_OPEN_MS,
    breaker: new DistinctCallersBreaker(env.STRIPE_BREAKER_THRESHOLD, () => callContext.getStore()?.caller ?? ""),
  });
  const rateLimitRetry = retry(handleWhen(isStripeRateLimit), {
    maxAttempts: 2,
    backoff: new ExponentialBackoff({ initialDelay: 500, maxDelay: 2_000 }),
  });
  const state = { circuit, policy: wrap(rateLimitRetry, circuit), openedAt: 0 };
  circuit.onBreak(() => {
    state.openedAt = Date.now();
    logger.error({ service: "stripe" }, "stripe circuit breaker opened");
  });
  circuit.onReset(() => logger.info({ service: "stripe" }, "stripe circuit breaker closed"));
  circuit.onStateChange((value) => {
    if (metricsEnabled) {
      const gauge = value === CircuitState.Closed ? 0 : value === CircuitState.HalfOpen ? 1 : 2;
      metrics.breakerState.set({ service: "stripe" }, gauge);
    }
  });
  return state;
});

export type BreakerState = "closed" | "open" | "half_open";

/**
 * The breaker as callers should see it. Cockatiel moves from open to half-open only when the next
 * call arrives, so once the open period is over this already says half_open: a probe may go through.
 */
export function stripeBreakerState(): BreakerState {
  const { state } = breaker.circuit;
  if (state === CircuitState.Closed) return "closed";
  if (state === CircuitState.HalfOpen || Date.now() >= breaker.openedAt + env.STRIPE_BREAKER_HALF_OPEN_MS) {
    return "half_open";
  }
  return "open";
}

/** Seconds until the open breaker lets a probe through: the Retry-After for a 503. */
export function stripeRetryAfterSeconds(): number {
  return Math.max(1, Math.ceil((breaker.openedAt + env.STRIPE_BREAKER_HALF_OPEN_MS - Date.now()) / 1_000));
}

export type StripeCallOutcome = "ok" | "rejected" | "unavailable" | "rate_limited" | "short_circuited";

function outcomeOf(error: unknown): StripeCallOutcome {
  if (error instanceof BrokenCircuitError) return "short_circuited";
  if (isStripeRateLimit(error)) return "rate_limited";
  return isStripeOutage(error) ? "unavailable" : "rejected";
}

/**
 * Runs one Stripe API call through the rate-limit backoff and the breaker, in a Sentry span, and records
 * service, operation, outcome, duration and retries in the logs and metrics. `caller` names whom the
 * call serves (a user or a PaymentIntent id) so that the breaker counts each caller's failures once.
 * Refuses to run inside a database transaction: nothing may hold a connection while Stripe answers.
 */
export async function callStripe<T>(operation: string, caller: string, call: () => Promise<T>): Promise<T> {
  if (insideTransaction()) throw new StripeCallInTransactionError(operation);
  return Sentry.startSpan(
    { name: `stripe ${operation}`, op: "http.client.stripe", attributes: { "stripe.operation": operation } },
    async (span) => {
      const started = performance.now();
      const context: CallContext = { requests: 0, caller };
      let outcome: StripeCallOutcome = "ok";
      try {
        return await callContext.run(context, () => breaker.policy.execute(call));
      } catch (error) {
        outcome = outcomeOf(error);
        span.setStatus({ code: 2, message: outcome });
        throw error;
      } finally {
        const durationMs = Math.round(performance.now() - started);
        const retries = Math.max(0, context.requests - 1);
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
