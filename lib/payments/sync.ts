import "server-only";
import { z } from "zod";
import type { DisputeStatus, Order, OrderStatus, Plan } from "@/db/schema";
import type { Transaction } from "@/db/connect";
import { db } from "@/lib/db";
import { logger } from "@/lib/observability/logger";
import { singleton } from "@/lib/singleton";
import { callStripe } from "@/lib/stripe/call";
import { stripe } from "@/lib/stripe/client";
import { lockOrderById, lockOrderByPaymentIntent, recomputePlan, recordPaymentState } from "./orders";
import { mergePaymentState, snapshotOf, type PaymentSnapshot } from "./payment-state";

export type SyncResult =
  | {
      status: "synced";
      orderId: string;
      orderStatus: OrderStatus;
      disputeStatus: DisputeStatus | null;
      plan: Plan | null;
    }
  | { status: "unknown_order" };

/**
 * Everything an order's state depends on, read from Stripe and nothing else: the PaymentIntent with its
 * latest charge and, when that charge is disputed, the dispute. Events come twice and out of order, so
 * their payloads are never trusted for state.
 */
export async function readPaymentIntent(paymentIntentId: string): Promise<PaymentSnapshot> {
  const readAt = new Date();
  const intent = await callStripe("payment_intents.retrieve", paymentIntentId, () =>
    stripe.paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge"] }),
  );
  const charge = typeof intent.latest_charge === "object" ? intent.latest_charge : null;
  const disputes = charge?.disputed
    ? await callStripe("disputes.list", paymentIntentId, () =>
        stripe.disputes.list({ payment_intent: paymentIntentId, limit: 1 }),
      )
    : null;
  return snapshotOf(intent, disputes?.data[0] ?? null, readAt);
}

/**
 * Right after creation, before the intent id is stored, the order is found by our metadata; it is taken
 * only when the intent matches it in amount, currency and owner.
 */
async function lockOrderFromMetadata(tx: Transaction, snapshot: PaymentSnapshot): Promise<Order | undefined> {
  const orderId = z.uuid().safeParse(snapshot.orderId);
  if (!orderId.success) return undefined;
  const order = await lockOrderById(tx, orderId.data);
  if (!order) return undefined;
  const matches =
    order.amount === snapshot.amount &&
    order.currency === snapshot.currency &&
    order.userId !== null &&
    order.userId === snapshot.userId &&
    (order.stripePaymentIntentId === null || order.stripePaymentIntentId === snapshot.paymentIntentId);
  if (matches) return order;
  logger.warn(
    { service: "stripe", paymentIntentId: snapshot.paymentIntentId, orderId: order.id },
    "payment intent metadata does not match its order; ignored",
  );
  return undefined;
}

/** One short transaction: the order's row lock, a forward-only merge, and the owner's plan. */
export async function applyPaymentSnapshot(snapshot: PaymentSnapshot): Promise<SyncResult> {
  return db.transaction(async (tx) => {
    const order =
      (await lockOrderByPaymentIntent(tx, snapshot.paymentIntentId)) ?? (await lockOrderFromMetadata(tx, snapshot));
    if (!order) return { status: "unknown_order" };
    const state = mergePaymentState(order, snapshot);
    await recordPaymentState(tx, order.id, snapshot.paymentIntentId, state);
    const plan = order.userId ? await recomputePlan(tx, order.userId) : null;
    return { status: "synced", orderId: order.id, orderStatus: state.status, disputeStatus: state.disputeStatus, plan };
  });
}

interface Flight {
  startedAt: number;
  result: Promise<SyncResult>;
}

/** Syncs under way in this process, by PaymentIntent: the running one and at most one queued behind it. */
const flights = singleton("payment-syncs", () => ({
  running: new Map<string, Flight>(),
  queued: new Map<string, Promise<SyncResult>>(),
}));

function startFlight(paymentIntentId: string): Promise<SyncResult> {
  const result = readPaymentIntent(paymentIntentId)
    .then(applyPaymentSnapshot)
    .finally(() => {
      if (flights.running.get(paymentIntentId)?.result === result) flights.running.delete(paymentIntentId);
    });
  flights.running.set(paymentIntentId, { startedAt: Date.now(), result });
  return result;
}

/**
 * The one function that moves payment state from Stripe into our database, shared by the webhooks, the
 * billing page and the upgrade. Stripe is read first, with no connection held; the result is applied in
 * a short transaction that only moves the order forward, so syncs that read Stripe at different moments
 * end on the newest state in whatever order they apply.
 *
 * At most one read per PaymentIntent runs at a time in this process. A caller joins the running read
 * when it began after the caller's news (`since`, default now); otherwise it waits for the one read
 * queued behind it, which every such caller shares. A burst of webhooks or reloads makes two reads.
 */
export function syncPaymentIntent(paymentIntentId: string, since = Date.now()): Promise<SyncResult> {
  const running = flights.running.get(paymentIntentId);
  if (!running) return startFlight(paymentIntentId);
  if (running.startedAt >= since) return running.result;
  let queued = flights.queued.get(paymentIntentId);
  if (!queued) {
    queued = running.result
      .catch(() => undefined)
      .then(() => {
        flights.queued.delete(paymentIntentId);
        return startFlight(paymentIntentId);
      });
    flights.queued.set(paymentIntentId, queued);
  }
  return queued;
}
