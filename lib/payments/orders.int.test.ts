import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { orders, users, type DisputeStatus, type Order } from "@/db/schema";
import { db } from "@/lib/db";
import { getPlanWithOrders, recomputePlan, recordPaymentState } from "./orders";

async function newCustomer() {
  const userId = `user_orders_${randomUUID().replaceAll("-", "")}`;
  await db.insert(users).values({ id: userId });
  return userId;
}

async function paidOrder(userId: string, createdAt: Date) {
  const [order] = await db
    .insert(orders)
    .values({ userId, amount: 49_900, currency: "inr", status: "succeeded", createdAt })
    .returning();
  return order as Order;
}

/** What recomputePlan() derives from these orders. */
const planOf = (list: Order[]) =>
  list.some((order) => order.status === "succeeded" && (order.disputeStatus === null || order.disputeStatus === "won"))
    ? "pro"
    : "free";

describe("getPlanWithOrders", () => {
  it("returns the user's own orders, newest first, up to the limit, with the plan", async () => {
    const userId = await newCustomer();
    const someoneElse = await newCustomer();
    const older = await paidOrder(userId, new Date("2026-01-01T00:00:00Z"));
    const newer = await paidOrder(userId, new Date("2026-02-01T00:00:00Z"));
    await paidOrder(someoneElse, new Date("2026-03-01T00:00:00Z"));
    await db.transaction((tx) => recomputePlan(tx, userId));

    const all = await getPlanWithOrders(db, userId);
    expect(all.plan).toBe("pro");
    expect(all.orders.map((order) => order.id)).toEqual([newer.id, older.id]);

    const first = await getPlanWithOrders(db, userId, 1);
    expect(first.orders.map((order) => order.id)).toEqual([newer.id]);
  });

  it("returns Free and no orders for a user who never paid", async () => {
    const userId = await newCustomer();
    expect(await getPlanWithOrders(db, userId)).toEqual({ plan: "free", orders: [] });
  });

  it("never shows a plan that disagrees with the orders beside it while syncs commit", async () => {
    const userId = await newCustomer();
    const order = await paidOrder(userId, new Date());
    await db.transaction((tx) => recomputePlan(tx, userId));
    const flips = 200;

    // Each flip is what a sync commits: the order's dispute and the plan derived from it, together.
    const writer = (async () => {
      for (let flip = 0; flip < flips; flip += 1) {
        const disputeStatus: DisputeStatus = flip % 2 === 0 ? "open" : "won";
        await db.transaction(async (tx) => {
          await recordPaymentState(tx, order.id, `pi_orders_${order.id}`, {
            status: "succeeded",
            amountRefunded: 0,
            disputeStatus,
            stripeReadAt: new Date(),
          });
          await recomputePlan(tx, userId);
        });
      }
    })();
    const reads: Awaited<ReturnType<typeof getPlanWithOrders>>[] = [];
    const reader = (async () => {
      for (let read = 0; read < flips * 2; read += 1) reads.push(await getPlanWithOrders(db, userId));
    })();
    await Promise.all([writer, reader]);

    const torn = reads.filter((read) => read.plan !== planOf(read.orders));
    expect(torn).toEqual([]);
    expect(new Set(reads.map((read) => read.plan))).toEqual(new Set(["free", "pro"]));
  });
});
