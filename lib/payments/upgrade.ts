import "server-only";
import type Stripe from "stripe";
import { getUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { callStripe } from "@/lib/stripe/call";
import { stripe } from "@/lib/stripe/client";
import { attachPaymentIntent, cancelOpenOrder, findOrCreateUnfinishedOrder, hasOpenDispute } from "./orders";
import { proPrice } from "./pricing";
import { syncPaymentIntent } from "./sync";

export type UpgradeResult =
  | { ok: true; clientSecret: string; orderId: string }
  | { ok: false; error: "already_pro" | "payment_in_progress" | "payment_disputed" };

/** Intents the Payment Element can still confirm. */
const payableStatuses = new Set<Stripe.PaymentIntent.Status>([
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
]);

/**
 * Starts (or resumes) the Pro purchase: one unfinished order per user, one PaymentIntent per order. The
 * idempotency key is the order id, so a retried or repeated request can never create a second intent,
 * and a payment that is processing refuses a new one. Stripe is called between short writes, never
 * inside a transaction.
 */
export async function startProUpgrade(userId: string): Promise<UpgradeResult> {
  if ((await getUser(db, userId))?.plan === "pro") return { ok: false, error: "already_pro" };
  // Pro is suspended, not lost: a second payment now would charge twice if the dispute is won.
  if (await hasOpenDispute(db, userId)) return { ok: false, error: "payment_disputed" };
  const price = proPrice();
  let order = await findOrCreateUnfinishedOrder(db, userId, price);
  // Paid and waiting for the bank: a second order now could charge the customer twice.
  if (order.status === "processing") return { ok: false, error: "payment_in_progress" };
  if (order.amount !== price.amount || order.currency !== price.currency) {
    // The price changed since this order was opened: keep it for the record, open a new one.
    if (order.stripePaymentIntentId)
      await callStripe("payment_intents.cancel", userId, () =>
        stripe.paymentIntents.cancel(order.stripePaymentIntentId as string),
      );
    await cancelOpenOrder(db, userId, order.id);
    order = await findOrCreateUnfinishedOrder(db, userId, price);
  }

  if (order.stripePaymentIntentId) {
    const intent = await callStripe("payment_intents.retrieve", userId, () =>
      stripe.paymentIntents.retrieve(order.stripePaymentIntentId as string),
    );
    if (payableStatuses.has(intent.status) && intent.client_secret)
      return { ok: true, clientSecret: intent.client_secret, orderId: order.id };
    // Paid, processing or canceled meanwhile: record it; the person sees the outcome on the billing page.
    await syncPaymentIntent(intent.id);
    return { ok: false, error: "payment_in_progress" };
  }

  const intent = await callStripe("payment_intents.create", userId, () =>
    stripe.paymentIntents.create(
      {
        amount: price.amount,
        currency: price.currency,
        automatic_payment_methods: { enabled: true },
        description: "Taskpilot Pro (one-time upgrade)",
        metadata: { order_id: order.id, user_id: userId },
      },
      { idempotencyKey: `order_${order.id}_payment_intent` },
    ),
  );
  await attachPaymentIntent(db, userId, order.id, intent.id);
  if (!intent.client_secret) throw new Error("Stripe returned a PaymentIntent without a client secret");
  return { ok: true, clientSecret: intent.client_secret, orderId: order.id };
}
