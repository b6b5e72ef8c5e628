import type Stripe from "stripe";
import type { DisputeStatus, Order, OrderStatus } from "@/db/schema";
import { orderStatusFromIntent } from "./order-status";

/** What one read from Stripe says about a PaymentIntent, and when the read began. */
export interface PaymentSnapshot {
  paymentIntentId: string;
  status: OrderStatus;
  amount: number;
  currency: string;
  amountRefunded: number;
  dispute: DisputeStatus | null;
  /** Our ids from the intent's metadata: how an order is found before its intent id is stored. */
  orderId: string | null;
  userId: string | null;
  readAt: Date;
}

/** The part of an order that Stripe decides. */
export type PaymentState = Pick<Order, "status" | "amountRefunded" | "disputeStatus" | "stripeReadAt">;

/** Stripe's many dispute states, reduced to what decides Pro: open suspends it, lost revokes it. */
export function disputeStatusOf(status: Stripe.Dispute.Status): DisputeStatus {
  if (status === "won" || status === "warning_closed" || status === "prevented") return "won";
  // An appeal reopens nothing: Pro stays revoked until the appeal is won.
  if (status === "lost" || status.startsWith("appeal_")) return "lost";
  return "open";
}

export function snapshotOf(
  intent: Stripe.PaymentIntent,
  dispute: Stripe.Dispute | null,
  readAt: Date,
): PaymentSnapshot {
  const charge = typeof intent.latest_charge === "object" ? intent.latest_charge : null;
  return {
    paymentIntentId: intent.id,
    status: orderStatusFromIntent(intent),
    amount: intent.amount,
    currency: intent.currency,
    amountRefunded: charge?.amount_refunded ?? 0,
    dispute: dispute ? disputeStatusOf(dispute.status) : null,
    orderId: intent.metadata.order_id ?? null,
    userId: intent.metadata.user_id ?? null,
    readAt,
  };
}

/**
 * Unfinished states share rank 0: a payment moves between them both ways (a declined card, a retry, a
 * bank debit that fails after processing), so among them the later read wins. Past them the order only
 * moves forward: paid or canceled, then fully refunded.
 */
const statusRank: Record<OrderStatus, number> = {
  requires_payment: 0,
  failed: 0,
  processing: 0,
  succeeded: 1,
  canceled: 1,
  refunded: 2,
};

/** A dispute opens, then is lost or won; a lost dispute can still be won on appeal. */
const disputeRank: Record<DisputeStatus, number> = { open: 0, lost: 1, won: 2 };

const later = (a: Date | null, b: Date) => (a === null || b > a ? b : a);

/**
 * The stored state moved forward by a snapshot. Reads of Stripe may be applied in any order and more
 * than once: the result is the newest state either way, and a finished order never goes back.
 */
export function mergePaymentState(stored: PaymentState, snapshot: PaymentSnapshot): PaymentState {
  const storedRank = statusRank[stored.status];
  const incomingRank = statusRank[snapshot.status];
  const newerRead = stored.stripeReadAt === null || snapshot.readAt > stored.stripeReadAt;
  const status =
    incomingRank > storedRank || (incomingRank === storedRank && storedRank === 0 && newerRead)
      ? snapshot.status
      : stored.status;
  const disputeStatus =
    snapshot.dispute && (!stored.disputeStatus || disputeRank[snapshot.dispute] > disputeRank[stored.disputeStatus])
      ? snapshot.dispute
      : stored.disputeStatus;
  return {
    status,
    amountRefunded: Math.max(stored.amountRefunded, snapshot.amountRefunded),
    disputeStatus,
    stripeReadAt: later(stored.stripeReadAt, snapshot.readAt),
  };
}
