import "server-only";
import { z } from "zod";
import type { OrderStatus, Plan } from "@/db/schema";
import { db } from "@/lib/db";
import { callStripe } from "@/lib/stripe/call";
import { stripe } from "@/lib/stripe/client";
import { orderStatusFromIntent } from "./order-status";
import { lockOrderById, lockOrderByPaymentIntent, recomputePlan, recordOrderStatus } from "./orders";

const intentMetadata = z.object({ order_id: z.uuid() });

export type SyncResult =
  { status: "synced"; orderId: string; orderStatus: OrderStatus; plan: Plan | null } | { status: "unknown_order" };

const retrieveIntent = (id: string) =>
  callStripe("payment_intents.retrieve", () => stripe.paymentIntents.retrieve(id, { expand: ["latest_charge"] }));

/**
 * The one function that moves payment state from Stripe into our database, shared by the webhook
 * and the billing page. Under the order's row lock it re-reads the PaymentIntent from Stripe (events
 * come twice and out of order, so their payloads are never trusted for state) and derives the order
 * status and the user's plan in one transaction: a later sync always sees a state at least as new.
 */
export async function syncPaymentIntent(paymentIntentId: string): Promise<SyncResult> {
  return db.transaction(async (tx) => {
    let order = await lockOrderByPaymentIntent(tx, paymentIntentId);
    if (!order) {
      // Only right after creation, before the intent id is stored: find the order by our metadata.
      const metadata = intentMetadata.safeParse((await retrieveIntent(paymentIntentId)).metadata);
      order = metadata.success ? await lockOrderById(tx, metadata.data.order_id) : undefined;
      if (!order) return { status: "unknown_order" };
    }
    const intent = await retrieveIntent(paymentIntentId);
    const orderStatus = orderStatusFromIntent(intent);
    await recordOrderStatus(tx, order.id, intent.id, orderStatus);
    const plan = order.userId ? await recomputePlan(tx, order.userId) : null;
    return { status: "synced", orderId: order.id, orderStatus, plan };
  });
}
