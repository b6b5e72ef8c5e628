import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orders, users } from "@/db/schema";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { metrics } from "@/lib/observability/metrics";
import { callStripe, StripeCallInTransactionError } from "@/lib/stripe/call";
import { stripe } from "@/lib/stripe/client";
import {
  clearFaults,
  closeDispute,
  openDispute,
  setFaults,
  settle,
  stripeAdmin,
} from "@/tests/support/stripe-emulator";
import { syncReturnedPayment } from "./billing-return";
import { mergePaymentState, type PaymentSnapshot, type PaymentState } from "./payment-state";
import { applyPaymentSnapshot, readPaymentIntent, syncPaymentIntent } from "./sync";
import { startProUpgrade } from "./upgrade";

const cards = { succeed: "4242424242424242", processing: "4000000000008088" };

async function newCustomer() {
  const userId = `user_sync_${randomUUID().replaceAll("-", "")}`;
  await db.insert(users).values({ id: userId });
  return userId;
}

/** Starts the upgrade as the intent route does and returns the order and its PaymentIntent. */
async function startPurchase(userId: string) {
  const started = await startProUpgrade(userId);
  if (!started.ok) throw new Error(`upgrade refused: ${started.error}`);
  const [order] = await db.select().from(orders).where(eq(orders.id, started.orderId));
  return { orderId: started.orderId, paymentIntentId: order?.stripePaymentIntentId as string };
}

const confirm = (paymentIntentId: string, number: string) =>
  stripeAdmin.paymentIntents
    .confirm(paymentIntentId, {
      payment_method_data: { type: "card", card: { number, exp_month: 12, exp_year: 2034, cvc: "123" } },
    } as never)
    .catch(() => undefined);

const storedOrder = async (orderId: string) => (await db.select().from(orders).where(eq(orders.id, orderId)))[0];
const plan = async (userId: string) =>
  (await db.select({ plan: users.plan }).from(users).where(eq(users.id, userId)))[0]?.plan;
const stateOf = ({ status, amountRefunded, disputeStatus, stripeReadAt }: PaymentState) => ({
  status,
  amountRefunded,
  disputeStatus,
  stripeReadAt,
});

/** Requests the app has made to Stripe for one operation, from this process's metrics. */
async function stripeCalls(operation: string): Promise<number> {
  const { values } = await metrics.externalCallDuration.get();
  return values
    .filter((value) => value.metricName?.endsWith("_count"))
    .filter((value) => value.labels.service === "stripe" && value.labels.operation === operation)
    .reduce((sum, value) => sum + value.value, 0);
}

describe("syncing a PaymentIntent", () => {
  it("ends on the newest state whatever order reads of Stripe are applied in", async () => {
    const userId = await newCustomer();
    const { orderId, paymentIntentId } = await startPurchase(userId);
    // A bank debit that fails after processing, a second try that succeeds, a dispute won, a partial and
    // a full refund:
    // every state the order passes through, each read from Stripe at its own moment.
    const reads: PaymentSnapshot[] = [];
    const read = async () => reads.push(await readPaymentIntent(paymentIntentId));
    await read();
    await confirm(paymentIntentId, cards.processing);
    await read();
    await settle(paymentIntentId, "failed");
    await read();
    await confirm(paymentIntentId, cards.succeed);
    await read();
    const dispute = await openDispute(paymentIntentId);
    await read();
    await closeDispute(dispute.id, "won");
    await read();
    await stripeAdmin.refunds.create({ payment_intent: paymentIntentId, amount: 10_000 });
    await read();
    await stripeAdmin.refunds.create({ payment_intent: paymentIntentId });
    await read();
    expect(reads.map((snapshot) => snapshot.status)).toEqual([
      "requires_payment",
      "processing",
      "failed",
      "succeeded",
      "succeeded",
      "succeeded",
      "succeeded",
      "refunded",
    ]);
    expect(reads.map((snapshot) => snapshot.dispute)).toEqual([null, null, null, null, "open", "won", "won", "won"]);

    const initial = stateOf((await storedOrder(orderId)) as PaymentState);
    const reset = () => db.update(orders).set(initial).where(eq(orders.id, orderId));
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: reads.length })
          .chain((count) =>
            fc.tuple(fc.constant(count), fc.shuffledSubarray(reads.slice(0, count), { minLength: count })),
          ),
        async ([count, shuffled]) => {
          await reset();
          for (const snapshot of shuffled) await applyPaymentSnapshot(snapshot);
          const inReadOrder = reads.slice(0, count).reduce(mergePaymentState, initial);
          const newest = reads[count - 1] as PaymentSnapshot;
          const stored = stateOf((await storedOrder(orderId)) as PaymentState);
          expect(stored).toEqual(inReadOrder);
          expect(stored.status).toBe(newest.status);
          expect(stored.amountRefunded).toBe(newest.amountRefunded);
          expect(stored.disputeStatus).toBe(newest.dispute);
        },
      ),
      { numRuns: 60, seed: 20261206 },
    );
  });

  it("refuses a Stripe call made inside a database transaction", async () => {
    const intent = await stripeAdmin.paymentIntents.create({ amount: 100, currency: env.PRO_PRICE_CURRENCY });
    const retrieve = () =>
      callStripe("payment_intents.retrieve", intent.id, () => stripe.paymentIntents.retrieve(intent.id));
    const before = await stripeCalls("payment_intents.retrieve");
    await expect(db.transaction(() => retrieve())).rejects.toBeInstanceOf(StripeCallInTransactionError);
    await expect(db.transaction((tx) => tx.transaction(() => retrieve()))).rejects.toBeInstanceOf(
      StripeCallInTransactionError,
    );
    expect(await stripeCalls("payment_intents.retrieve")).toBe(before);
    await expect(retrieve()).resolves.toMatchObject({ id: intent.id });
  });

  it("keeps Pro after a partial refund and ends it after a full one", async () => {
    const userId = await newCustomer();
    const { orderId, paymentIntentId } = await startPurchase(userId);
    await confirm(paymentIntentId, cards.succeed);
    await syncPaymentIntent(paymentIntentId);
    expect(await plan(userId)).toBe("pro");

    await stripeAdmin.refunds.create({ payment_intent: paymentIntentId, amount: env.PRO_PRICE_AMOUNT - 1 });
    await syncPaymentIntent(paymentIntentId);
    expect(await storedOrder(orderId)).toMatchObject({ status: "succeeded", amountRefunded: env.PRO_PRICE_AMOUNT - 1 });
    expect(await plan(userId)).toBe("pro");

    await stripeAdmin.refunds.create({ payment_intent: paymentIntentId });
    await syncPaymentIntent(paymentIntentId);
    expect(await storedOrder(orderId)).toMatchObject({ status: "refunded", amountRefunded: env.PRO_PRICE_AMOUNT });
    expect(await plan(userId)).toBe("free");
  });

  it("refuses a second order while a payment is processing, without asking Stripe for one", async () => {
    const userId = await newCustomer();
    const { orderId, paymentIntentId } = await startPurchase(userId);
    await confirm(paymentIntentId, cards.processing);
    await syncPaymentIntent(paymentIntentId);
    const creates = await stripeCalls("payment_intents.create");
    await expect(startProUpgrade(userId)).resolves.toEqual({ ok: false, error: "payment_in_progress" });
    expect(await stripeCalls("payment_intents.create")).toBe(creates);
    const mine = await db.select().from(orders).where(eq(orders.userId, userId));
    expect(mine.map((order) => order.id)).toEqual([orderId]);
  });

  describe("finding the order by metadata, before the intent id is stored", () => {
    async function intentFor(metadata: Record<string, string>, amount = env.PRO_PRICE_AMOUNT) {
      return stripeAdmin.paymentIntents.create({ amount, currency: env.PRO_PRICE_CURRENCY, metadata });
    }
    async function openOrder(userId: string) {
      const [order] = await db
        .insert(orders)
        .values({ userId, amount: env.PRO_PRICE_AMOUNT, currency: env.PRO_PRICE_CURRENCY })
        .returning();
      return order as typeof orders.$inferSelect;
    }

    it("takes the order when amount, currency and owner match", async () => {
      const userId = await newCustomer();
      const order = await openOrder(userId);
      const intent = await intentFor({ order_id: order.id, user_id: userId });
      await expect(syncPaymentIntent(intent.id)).resolves.toMatchObject({ status: "synced", orderId: order.id });
      expect((await storedOrder(order.id))?.stripePaymentIntentId).toBe(intent.id);
    });

    it.each([
      ["another amount", { amount: 100 }],
      ["another owner", { user: "user_someone_else" }],
      ["no owner", { user: null }],
      ["an order id that is not a uuid", { orderId: "1 or 1=1" }],
    ])("ignores an intent with %s", async (_, change: { amount?: number; user?: string | null; orderId?: string }) => {
      const userId = await newCustomer();
      const order = await openOrder(userId);
      const owner = change.user === undefined ? userId : change.user;
      const metadata = { order_id: change.orderId ?? order.id, ...(owner ? { user_id: owner } : {}) };
      const intent = await intentFor(metadata, change.amount);
      await expect(syncPaymentIntent(intent.id)).resolves.toEqual({ status: "unknown_order" });
      expect(await storedOrder(order.id)).toMatchObject({ stripePaymentIntentId: null, status: "requires_payment" });
    });
  });

  it("on the billing return, gives a slow Stripe its budget and reads it once at a time for many reloads", async () => {
    const userId = await newCustomer();
    const { paymentIntentId } = await startPurchase(userId);
    await confirm(paymentIntentId, cards.succeed);
    const retrieves = await stripeCalls("payment_intents.retrieve");
    const latencyMs = env.BILLING_SYNC_BUDGET_MS * 2;
    await setFaults({ latencyMs });
    try {
      const started = performance.now();
      const returns = await Promise.all(
        Array.from({ length: 20 }, () => syncReturnedPayment(userId, { payment_intent: paymentIntentId }, null)),
      );
      const elapsedMs = performance.now() - started;
      expect(returns.every((returned) => returned?.confirming === true)).toBe(true);
      // Every reload answered at the budget, not when Stripe did.
      expect(elapsedMs).toBeLessThan(latencyMs);
    } finally {
      await clearFaults();
    }
    // The read in flight finishes on its own; later reloads find the order finished and call nobody.
    await expect(syncPaymentIntent(paymentIntentId)).resolves.toMatchObject({ orderStatus: "succeeded" });
    expect(await syncReturnedPayment(userId, { payment_intent: paymentIntentId }, null)).toEqual({
      status: "succeeded",
      confirming: false,
    });
    expect((await stripeCalls("payment_intents.retrieve")) - retrieves).toBeLessThanOrEqual(2);
  });
});
