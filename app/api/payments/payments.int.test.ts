import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST as createIntent } from "@/app/api/payments/intent/route";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { db } from "@/lib/db";
import { orders, stripeEvents, users } from "@/db/schema";
import { env } from "@/lib/env";
import {
  clearFaults,
  closeDispute,
  dashboardRefund,
  emulatorPaymentIntents,
  eventsFor,
  openDispute,
  setFaults,
  settle,
  signedDelivery,
  stripeAdmin,
} from "@/tests/support/stripe-emulator";
import { session } from "@/tests/support/clerk-session";

vi.mock("@clerk/nextjs/server", () => import("@/tests/support/clerk-session").then((m) => m.clerkServer()));

const intentRequest = (body?: string) =>
  new Request("http://localhost:3999/api/payments/intent", {
    method: "POST",
    body,
    headers: { origin: "http://localhost:3999" },
  });
const startPurchase = async () => await createIntent(intentRequest());

async function signIn() {
  session.userId = `user_pay_${randomUUID().replaceAll("-", "")}`;
  await db.insert(users).values({ id: session.userId, email: null, name: "Payer" });
  return session.userId;
}

const userPlan = async (id: string) =>
  (await db.select({ plan: users.plan }).from(users).where(eq(users.id, id)))[0]?.plan;
const orderOf = async (id: string) => (await db.select().from(orders).where(eq(orders.id, id)))[0];
const intentsForOrder = (orderId: string) =>
  emulatorPaymentIntents().then((intents) => intents.filter((intent) => intent.metadata.order_id === orderId));

/** Starts a purchase and pays it with a test card, as the Payment Element would. */
async function pay(cardNumber = "4242424242424242") {
  const { orderId } = (await (await startPurchase()).json()) as { orderId: string };
  const order = await orderOf(orderId);
  const paymentIntentId = order?.stripePaymentIntentId as string;
  const card = { number: cardNumber, exp_month: 12, exp_year: 2034, cvc: "123" };
  // Raw card numbers are test-mode only; the SDK's types do not list them, the emulator accepts them.
  await stripeAdmin.paymentIntents
    .confirm(paymentIntentId, { payment_method_data: { type: "card", card } } as never)
    .catch(() => undefined);
  return { orderId, paymentIntentId };
}

async function deliver(event: Parameters<typeof signedDelivery>[0]) {
  const response = await stripeWebhook(signedDelivery(event));
  return { status: response.status, body: (await response.json()) as { status?: string; error?: string } };
}

beforeEach(async () => {
  session.userId = null;
  await clearFaults();
});

describe("POST /api/payments/intent", () => {
  it("creates one order and PaymentIntent at the server's price, and reuses them", async () => {
    await signIn();
    const first = await startPurchase();
    expect(first.status).toBe(200);
    const body = (await first.json()) as { clientSecret: string; orderId: string };
    expect(body.clientSecret).toMatch(/^pi_\w+_secret_\w+$/);
    const order = await orderOf(body.orderId);
    expect(order).toMatchObject({
      userId: session.userId,
      amount: env.PRO_PRICE_AMOUNT,
      currency: env.PRO_PRICE_CURRENCY,
      status: "requires_payment",
    });
    const intent = await stripeAdmin.paymentIntents.retrieve(order?.stripePaymentIntentId as string);
    expect(intent).toMatchObject({
      amount: env.PRO_PRICE_AMOUNT,
      metadata: { order_id: body.orderId, user_id: session.userId },
    });

    const again = (await (await startPurchase()).json()) as { clientSecret: string; orderId: string };
    expect(again).toEqual(body);
  });

  it("refuses a body that tries to set the amount, and writes nothing", async () => {
    const userId = await signIn();
    const response = await createIntent(intentRequest(JSON.stringify({ amount: 1 })));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request" });
    expect(await db.select().from(orders).where(eq(orders.userId, userId))).toEqual([]);
  });

  it("answers 401 without a session and 409 for a Pro account", async () => {
    expect((await startPurchase()).status).toBe(401);
    const userId = await signIn();
    await db.update(users).set({ plan: "pro" }).where(eq(users.id, userId));
    const response = await startPurchase();
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: "already_pro" });
  });

  it(
    "survives Stripe answering 500 twice: " + "the SDK retries with the same idempotency key, one PaymentIntent",
    async () => {
      await signIn();
      await setFaults({ failNext: { count: 2, status: 500 } });
      const response = await startPurchase();
      expect(response.status).toBe(200);
      const { orderId } = (await response.json()) as { orderId: string };
      expect(await intentsForOrder(orderId)).toHaveLength(1);
    },
  );
});

describe("POST /api/webhooks/stripe", () => {
  it("the same event delivered 5 times concurrently has one effect", async () => {
    const userId = await signIn();
    const { orderId, paymentIntentId } = await pay();
    const succeeded = (await eventsFor(paymentIntentId)).find((event) => event.type === "payment_intent.succeeded");
    expect(succeeded).toBeDefined();
    const results = await Promise.all(Array.from({ length: 5 }, () => deliver(succeeded!)));
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(await orderOf(orderId)).toMatchObject({ status: "succeeded" });
    expect(await userPlan(userId)).toBe("pro");
    const [recorded] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, succeeded!.id));
    expect(recorded).toMatchObject({ attempts: 5, lastError: null });
    expect(recorded?.processedAt).toBeInstanceOf(Date);
  });

  it("succeeded arriving before processing ends as succeeded", async () => {
    const userId = await signIn();
    const { orderId, paymentIntentId } = await pay("4000000000008088");
    await settle(paymentIntentId, "succeeded");
    const events = await eventsFor(paymentIntentId);
    const processing = events.find((event) => event.type === "payment_intent.processing");
    const succeeded = events.find((event) => event.type === "payment_intent.succeeded");
    expect(processing && succeeded).toBeTruthy();
    await deliver(succeeded!);
    await deliver(processing!);
    expect(await orderOf(orderId)).toMatchObject({ status: "succeeded" });
    expect(await userPlan(userId)).toBe("pro");
  });

  it("a refund returns the account to Free", async () => {
    const userId = await signIn();
    const { orderId, paymentIntentId } = await pay();
    await deliver((await eventsFor(paymentIntentId)).find((event) => event.type === "payment_intent.succeeded")!);
    expect(await userPlan(userId)).toBe("pro");
    await dashboardRefund(paymentIntentId);
    const refunded = (await eventsFor(paymentIntentId)).find((event) => event.type === "charge.refunded");
    expect((await deliver(refunded!)).status).toBe(200);
    expect(await orderOf(orderId)).toMatchObject({ status: "refunded" });
    expect(await userPlan(userId)).toBe("free");
  });

  it.each(["won", "lost"] as const)(
    "a dispute suspends Pro and refuses a second purchase; a %s dispute ends it accordingly",
    async (outcome) => {
      const userId = await signIn();
      const { orderId, paymentIntentId } = await pay();
      await deliver((await eventsFor(paymentIntentId)).find((event) => event.type === "payment_intent.succeeded")!);
      expect(await userPlan(userId)).toBe("pro");

      const dispute = await openDispute(paymentIntentId);
      const created = (await eventsFor(paymentIntentId)).find((event) => event.type === "charge.dispute.created");
      expect(await deliver(created!)).toEqual({ status: 200, body: { received: true, status: "synced" } });
      expect(await orderOf(orderId)).toMatchObject({ status: "succeeded", disputeStatus: "open" });
      expect(await userPlan(userId)).toBe("free");
      const refused = await startPurchase();
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ error: "payment_disputed" });

      await closeDispute(dispute.id, outcome);
      const closed = (await eventsFor(paymentIntentId)).find((event) => event.type === "charge.dispute.closed");
      expect((await deliver(closed!)).status).toBe(200);
      // A late copy of the opening event changes nothing: the dispute only moves forward.
      expect((await deliver({ ...created!, id: `${created!.id}_late` })).status).toBe(200);
      expect(await orderOf(orderId)).toMatchObject({ status: "succeeded", disputeStatus: outcome });
      expect(await userPlan(userId)).toBe(outcome === "won" ? "pro" : "free");
    },
  );

  it("the disputed test card ends in an open dispute and a Free account", async () => {
    const userId = await signIn();
    const { orderId, paymentIntentId } = await pay("4000000000000259");
    const created = (await eventsFor(paymentIntentId)).find((event) => event.type === "charge.dispute.created");
    expect((await deliver(created!)).status).toBe(200);
    expect(await orderOf(orderId)).toMatchObject({ status: "succeeded", disputeStatus: "open" });
    expect(await userPlan(userId)).toBe("free");
  });

  it("a declined card marks the order failed and the account stays Free", async () => {
    const userId = await signIn();
    const { orderId, paymentIntentId } = await pay("4000000000000002");
    await deliver((await eventsFor(paymentIntentId)).find((event) => event.type === "payment_intent.payment_failed")!);
    expect(await orderOf(orderId)).toMatchObject({ status: "failed" });
    expect(await userPlan(userId)).toBe("free");
  });

  it.each([
    [
      "a forged signature",
      (event: object) => signedDelivery(JSON.stringify(event), { secret: "whsec_forged0000000000000000000000" }),
    ],
    [
      "a tampered body",
      (event: object) =>
        new Request(signedDelivery(event as never).url, {
          method: "POST",
          body: JSON.stringify({ ...event, type: "payment_intent.canceled" }),
          headers: signedDelivery(event as never).headers,
        }),
    ],
    [
      "a stale timestamp",
      (event: object) => signedDelivery(event as never, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
    ],
    [
      "no signature",
      (event: object) =>
        new Request("http://localhost:3999/api/webhooks/stripe", { method: "POST", body: JSON.stringify(event) }),
    ],
  ])("%s gets 400 and writes nothing", async (_, build) => {
    await signIn();
    const { orderId, paymentIntentId } = await pay();
    const succeeded = (await eventsFor(paymentIntentId)).find((event) => event.type === "payment_intent.succeeded")!;
    const response = await stripeWebhook(build(succeeded));
    expect(response.status).toBe(400);
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, succeeded.id))).toEqual([]);
    expect(await orderOf(orderId)).toMatchObject({ status: "requires_payment" });
  });

  it("Stripe failing while processing answers 503, leaves the event visible, and a retry completes it", async () => {
    const userId = await signIn();
    const { paymentIntentId } = await pay();
    const succeeded = (await eventsFor(paymentIntentId)).find((event) => event.type === "payment_intent.succeeded")!;
    await setFaults({ failNext: { count: 3, status: 500 } });
    const failed = await deliver(succeeded);
    expect(failed.status).toBe(503);
    const [pending] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, succeeded.id));
    expect(pending?.processedAt).toBeNull();
    expect(pending?.lastError).toBeTruthy();
    expect(await userPlan(userId)).toBe("free");

    await clearFaults();
    expect((await deliver(succeeded)).status).toBe(200);
    expect(await userPlan(userId)).toBe("pro");
  });

  it("acknowledges other event types without acting on them", async () => {
    await signIn();
    const { paymentIntentId } = await pay();
    const created = (await eventsFor(paymentIntentId)).find((event) => event.type === "payment_intent.created")!;
    expect(await deliver(created)).toEqual({ status: 200, body: { received: true, status: "ignored" } });
  });
});
