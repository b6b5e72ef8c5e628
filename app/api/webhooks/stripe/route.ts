import type Stripe from "stripe";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { recordWebhook } from "@/lib/observability/metrics";
import { syncPaymentIntent } from "@/lib/payments/sync";
import { markStripeEventFailed, markStripeEventProcessed, recordStripeEvent } from "@/lib/payments/stripe-events";
import { handledStripeEvents, paymentIntentIdOf } from "@/lib/payments/webhook-events";
import { webhookRoute } from "@/lib/route-handler";
import { isStripeUnavailable } from "@/lib/stripe/call";
import { stripe } from "@/lib/stripe/client";
import { TimeoutError, withTimeout } from "@/lib/timeout";
import { errorResponse } from "@/lib/errors";

/**
 * Stripe webhooks, top to bottom: raw body (size and per-IP limits in webhookRoute), signature,
 * allow-list, dedupe, one sync. A processing failure answers 500 so Stripe retries, and the event stays
 * recorded as unprocessed meanwhile.
 */
export const POST = webhookRoute("/api/webhooks/stripe", async (request, payload) => {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(
      payload,
      request.headers.get("stripe-signature") ?? "",
      env.STRIPE_WEBHOOK_SECRET,
    );
  } catch {
    recordWebhook("stripe", "rejected");
    return errorResponse({ error: "invalid_signature", message: "The webhook signature could not be verified." }, 400);
  }
  recordWebhook("stripe", "received");
  if (!handledStripeEvents.has(event.type)) {
    recordWebhook("stripe", "ignored");
    return Response.json({ received: true, status: "ignored" });
  }

  const paymentIntentId = paymentIntentIdOf(event);
  if (!paymentIntentId) {
    // Signed, so it is Stripe's own event: a 4xx would only make Stripe deliver it again for days.
    recordWebhook("stripe", "ignored");
    logger.warn({ webhook: "stripe", eventId: event.id, type: event.type }, "stripe event without a PaymentIntent");
    return Response.json({ received: true, status: "ignored" });
  }
  const { alreadyProcessed } = await recordStripeEvent(db, {
    id: event.id,
    type: event.type,
    objectId: paymentIntentId,
  });
  if (alreadyProcessed) {
    recordWebhook("stripe", "duplicate");
    return Response.json({ received: true, status: "duplicate" });
  }

  try {
    const result = await withTimeout(syncPaymentIntent(paymentIntentId), env.WEBHOOK_SYNC_BUDGET_MS);
    await markStripeEventProcessed(db, event.id);
    recordWebhook("stripe", "processed");
    logger.info(
      { webhook: "stripe", eventId: event.id, type: event.type, paymentIntentId, result: result.status },
      "stripe webhook processed",
    );
    return Response.json({ received: true, status: result.status });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await markStripeEventFailed(db, event.id, message);
    recordWebhook("stripe", "failed");
    logger.error({ webhook: "stripe", eventId: event.id, type: event.type, err: message }, "stripe webhook failed");
    // Stripe slow or down is temporary: 503 says so. Either way a 5xx makes Stripe deliver again.
    const unavailable = error instanceof TimeoutError || isStripeUnavailable(error);
    return errorResponse(
      { error: "processing_failed", message: "The event could not be processed; it will be retried." },
      unavailable ? 503 : 500,
    );
  }
});
