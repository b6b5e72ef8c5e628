import type Stripe from "stripe";
import { markStripeEventFailed, markStripeEventProcessed, recordStripeEvent } from "@/db/queries/stripe-events";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { recordWebhook } from "@/lib/observability/metrics";
import { syncPaymentIntent } from "@/lib/payments/sync";
import { handledStripeEvents, paymentIntentIdOf } from "@/lib/payments/webhook-events";
import { route } from "@/lib/route-handler";
import { stripe } from "@/lib/stripe/client";

/**
 * Stripe webhooks, top to bottom: raw body, signature, allow-list, dedupe, one sync. A processing
 * failure answers 500 so Stripe retries, and the event stays recorded as unprocessed meanwhile.
 */
export const POST = route("/api/webhooks/stripe", async (request) => {
  const payload = await request.text();
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(
      payload,
      request.headers.get("stripe-signature") ?? "",
      env.STRIPE_WEBHOOK_SECRET,
    );
  } catch {
    recordWebhook("stripe", "rejected");
    return Response.json(
      { error: "invalid_signature", message: "The webhook signature could not be verified." },
      { status: 400 },
    );
  }
  recordWebhook("stripe", "received");
  if (!handledStripeEvents.has(event.type)) {
    recordWebhook("stripe", "ignored");
    return Response.json({ received: true, status: "ignored" });
  }

  const paymentIntentId = paymentIntentIdOf(event);
  if (!paymentIntentId) {
    recordWebhook("stripe", "rejected");
    return Response.json(
      { error: "invalid_payload", message: "The event does not reference a PaymentIntent." },
      { status: 400 },
    );
  }
  const { alreadyProcessed } = await recordStripeEvent({ id: event.id, type: event.type, objectId: paymentIntentId });
  if (alreadyProcessed) {
    recordWebhook("stripe", "duplicate");
    return Response.json({ received: true, status: "duplicate" });
  }

  try {
    const result = await syncPaymentIntent(paymentIntentId);
    await markStripeEventProcessed(event.id);
    recordWebhook("stripe", "processed");
    logger.info(
      { webhook: "stripe", eventId: event.id, type: event.type, paymentIntentId, result: result.status },
      "stripe webhook processed",
    );
    return Response.json({ received: true, status: result.status });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await markStripeEventFailed(event.id, message);
    recordWebhook("stripe", "failed");
    logger.error({ webhook: "stripe", eventId: event.id, type: event.type, err: message }, "stripe webhook failed");
    return Response.json(
      { error: "processing_failed", message: "The event could not be processed; it will be retried." },
      { status: 500 },
    );
  }
});
