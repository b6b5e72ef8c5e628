import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Transaction } from "@/db/connect";
import { orders, users, type Order, type OrderStatus, type Plan } from "@/db/schema";
import type { PaymentState } from "./payment-state";
import type { Price } from "./pricing";

/** Statuses in which an order can still be paid. */
const openStatuses = ["requires_payment", "failed"] as const;
/** Open, or paid and waiting for the bank: at most one per user (a partial unique index). */
export const unfinishedStatuses: readonly OrderStatus[] = [...openStatuses, "processing"];

/**
 * The user's unfinished order, created if there is none. The partial unique index turns concurrent
 * requests into one row: the losers' inserts do nothing and they read the winner's order. A
 * `processing` order comes back as it is, so the caller can refuse to charge twice.
 */
export async function findOrCreateUnfinishedOrder(
  db: Db,
  userId: string,
  price: Pick<Price, "amount" | "currency">,
): Promise<Order> {
  await db
    .insert(orders)
    .values({ userId, amount: price.amount, currency: price.currency })
    .onConflictDoNothing({
      target: orders.userId,
      where: sql`${orders.status} in ('requires_payment', 'failed', 'processing')`,
    });
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.userId, userId), inArray(orders.status, unfinishedStatuses)));
  if (!order) throw new Error("unfinished order vanished between insert and select");
  return order;
}

export async function attachPaymentIntent(
  db: Db,
  userId: string,
  orderId: string,
  paymentIntentId: string,
): Promise<void> {
  await db
    .update(orders)
    .set({ stripePaymentIntentId: paymentIntentId })
    .where(and(eq(orders.id, orderId), eq(orders.userId, userId)));
}

/** Closes an open order whose price no longer matches, so a new one can be opened at today's price. */
export async function cancelOpenOrder(db: Db, userId: string, orderId: string): Promise<void> {
  await db
    .update(orders)
    .set({ status: "canceled" })
    .where(and(eq(orders.id, orderId), eq(orders.userId, userId), inArray(orders.status, openStatuses)));
}

/** Whether a paid order of the user's is under a dispute that is still open. */
export async function hasOpenDispute(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.disputeStatus, "open")))
    .limit(1);
  return row !== undefined;
}

/**
 * The user's plan and newest orders in one statement, so one snapshot: read apart, a sync committing
 * between the two reads could show Pro beside the open dispute that had just been won.
 */
export async function getPlanWithOrders(db: Db, userId: string, limit = 20): Promise<{ plan: Plan; orders: Order[] }> {
  const rows = await db
    .select({ plan: users.plan, order: orders })
    .from(users)
    .leftJoin(orders, eq(orders.userId, users.id))
    .where(eq(users.id, userId))
    .orderBy(desc(orders.createdAt))
    .limit(limit);
  return {
    plan: rows[0]?.plan ?? "free",
    orders: rows.flatMap(({ order }) => (order ? [order] : [])),
  };
}

export async function findOrderByPaymentIntent(
  db: Db,
  userId: string,
  paymentIntentId: string,
): Promise<Order | undefined> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.stripePaymentIntentId, paymentIntentId)));
  return order;
}

/** Row locks that make syncs of one order run one at a time. */
export async function lockOrderByPaymentIntent(tx: Transaction, paymentIntentId: string): Promise<Order | undefined> {
  const [order] = await tx.select().from(orders).where(eq(orders.stripePaymentIntentId, paymentIntentId)).for("update");
  return order;
}

export async function lockOrderById(tx: Transaction, orderId: string): Promise<Order | undefined> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  return order;
}

/** Stores a state that mergePaymentState() derived under the order's row lock. */
export async function recordPaymentState(
  tx: Transaction,
  orderId: string,
  paymentIntentId: string,
  state: PaymentState,
): Promise<void> {
  await tx
    .update(orders)
    .set({ ...state, stripePaymentIntentId: paymentIntentId })
    .where(eq(orders.id, orderId));
}

/**
 * Pro while any of the user's orders is paid, not fully refunded, and not under an open or lost dispute:
 * derived, never toggled. A partial refund keeps Pro.
 */
export async function recomputePlan(tx: Transaction, userId: string): Promise<Plan> {
  // The user's row lock orders concurrent syncs of different orders of the same person.
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
  const [row] = await tx
    .update(users)
    .set({
      plan: sql`case when exists (
        select 1 from ${orders}
        where ${orders.userId} = ${userId} and ${orders.status} = 'succeeded'
          and (${orders.disputeStatus} is null or ${orders.disputeStatus} = 'won')
      ) then 'pro'::plan else 'free'::plan end`,
    })
    .where(eq(users.id, userId))
    .returning({ plan: users.plan });
  return row?.plan ?? "free";
}
