import "server-only";
import type Stripe from "stripe";
import { z } from "zod";

/** The events that can change an order. Anything else is acknowledged and ignored. */
export const handledStripeEvents = new Set([
  "payment_intent.succeeded",
  "payment_intent.processing",
  "payment_intent.payment_failed",
  "payment_intent.canceled",
  "charge.refunded",
  "charge.dispute.created",
  "charge.dispute.updated",
  "charge.dispute.closed",
]);

const paymentIntentObject = z.object({ object: z.literal("payment_intent"), id: z.string().startsWith("pi_") });
const chargeObject = z.object({ object: z.literal("charge"), payment_intent: z.string().startsWith("pi_") });
const disputeObject = z.object({ object: z.literal("dispute"), payment_intent: z.string().startsWith("pi_") });

/** The PaymentIntent an event is about, or null if the verified payload is not shaped as expected. */
export function paymentIntentIdOf(event: Stripe.Event): string | null {
  // Typed by the SDK, but only the signature was checked: `data` itself may be missing or null.
  const object = (event.data as { object?: unknown } | null | undefined)?.object;
  const parsed = event.type.startsWith("charge.dispute.")
    ? disputeObject.safeParse(object)
    : event.type.startsWith("charge.")
      ? chargeObject.safeParse(object)
      : paymentIntentObject.safeParse(object);
  if (!parsed.success) return null;
  return "payment_intent" in parsed.data ? parsed.data.payment_intent : parsed.data.id;
}
