import "server-only";
import Stripe from "stripe";
import { errorResponse } from "@/lib/errors";
import { logger } from "@/lib/observability/logger";
import { isStripeUnavailable, stripeRetryAfterSeconds } from "@/lib/stripe/call";

export function paymentsUnavailable(): Response {
  return errorResponse(
    { error: "payments_unavailable", message: "Payments are temporarily unavailable. Please try again in a moment." },
    503,
    { "retry-after": String(stripeRetryAfterSeconds()) },
  );
}

/** Stripe failures as clear JSON errors: never a raw 500, never Stripe's own message to the browser. */
export function paymentErrorResponse(error: unknown): Response {
  if (isStripeUnavailable(error)) return paymentsUnavailable();
  if (error instanceof Stripe.errors.StripeError) {
    logger.error(
      { service: "stripe", type: error.type, code: error.code, requestId: error.requestId },
      "stripe refused a request",
    );
    return errorResponse(
      { error: "payment_provider_error", message: "The payment could not be started. Please try again." },
      502,
    );
  }
  throw error;
}
