import "server-only";
import { BrokenCircuitError } from "cockatiel";
import Stripe from "stripe";
import { logger } from "@/lib/logger";
import { isStripeOutage, stripeRetryAfterSeconds } from "@/lib/stripe/call";

export function paymentsUnavailable(): Response {
  return Response.json(
    { error: "payments_unavailable", message: "Payments are temporarily unavailable. Please try again in a moment." },
    { status: 503, headers: { "retry-after": String(stripeRetryAfterSeconds()) } },
  );
}

/** Stripe failures as clear JSON errors: never a raw 500, never Stripe's own message to the browser. */
export function paymentErrorResponse(error: unknown): Response {
  if (error instanceof BrokenCircuitError || isStripeOutage(error)) return paymentsUnavailable();
  if (error instanceof Stripe.errors.StripeError) {
    logger.error(
      { service: "stripe", type: error.type, code: error.code, requestId: error.requestId },
      "stripe refused a request",
    );
    return Response.json(
      { error: "payment_provider_error", message: "The payment could not be started. Please try again." },
      { status: 502 },
    );
  }
  throw error;
}
