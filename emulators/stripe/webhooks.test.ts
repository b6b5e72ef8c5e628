import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signatureHeader } from "./webhook-signature";
import { KEYS, startEmulator, waitFor, type Harness } from "./test-support";
import type { Delivery } from "./webhook-delivery";

let h: Harness;
beforeEach(async () => {
  h = await startEmulator();
});
afterEach(() => h.close());

const verifier = new Stripe(KEYS.secretKey);

async function paidIntent(): Promise<string> {
  const { id } = await h.stripe.paymentIntents.create({
    amount: 1900,
    currency: "usd",
    metadata: { user_id: "user_1", order_id: "order_1" },
  });
  await h.stripe.paymentIntents.confirm(id, { payment_method: "pm_card_visa" });
  return id;
}

const deliveries = async (query = "") =>
  (await h.testApi<{ data: Delivery[] }>("GET", `webhooks/deliveries${query}`)).data;

describe("webhook delivery", () => {
  it("posts signed events that constructEvent accepts, to /api/webhooks/stripe", async () => {
    const id = await paidIntent();
    await h.emulator.webhooks.whenIdle();
    // Sent concurrently, as Stripe does: arrival order is not guaranteed.
    const types = h.receiver.events().map((event) => event.type);
    expect(types.sort()).toEqual(["charge.succeeded", "payment_intent.created", "payment_intent.succeeded"]);
    for (const { headers, body } of h.receiver.received) {
      const event = verifier.webhooks.constructEvent(body, headers["stripe-signature"] as string, KEYS.webhookSecret);
      expect(event).toMatchObject({
        object: "event",
        livemode: false,
        api_version: "2026-10-28.endive",
        pending_webhooks: 1,
      });
      expect(() =>
        verifier.webhooks.constructEvent(body, headers["stripe-signature"] as string, "whsec_other"),
      ).toThrow();
    }
    const succeeded = h.receiver
      .events()
      .find((event) => event.type === "payment_intent.succeeded") as Stripe.PaymentIntentSucceededEvent;
    expect(succeeded.data.object).toMatchObject({ id, status: "succeeded", metadata: { order_id: "order_1" } });
    expect(succeeded.request?.idempotency_key).toMatch(/^stripe-node-retry-/);
    // Retrieved later, the event shows it was delivered.
    expect(await h.stripe.events.retrieve(succeeded.id)).toMatchObject({ id: succeeded.id, pending_webhooks: 0 });
  });

  it("signs exactly like the SDK's test helper", () => {
    const payload = '{"id":"evt_1"}';
    expect(signatureHeader(payload, KEYS.webhookSecret, 1_700_000_000)).toBe(
      verifier.webhooks.generateTestHeaderString({ payload, secret: KEYS.webhookSecret, timestamp: 1_700_000_000 }),
    );
  });

  it("retries a failing receiver with backoff until it answers 2xx", async () => {
    h.receiver.respondWith((index) => (index < 2 ? 500 : 200));
    await h.stripe.paymentIntents.create({ amount: 1900, currency: "usd" });
    await h.emulator.webhooks.whenIdle();
    const [delivery] = await deliveries();
    expect(delivery).toMatchObject({ eventType: "payment_intent.created", state: "succeeded" });
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
    // Each attempt is a fresh POST of the same event, re-signed.
    expect(new Set(h.receiver.events().map((event) => event.id)).size).toBe(1);
  });

  it("gives up after the bounded number of attempts, also when nothing listens", async () => {
    await h.receiver.close();
    await h.stripe.paymentIntents.create({ amount: 1900, currency: "usd" });
    await h.emulator.webhooks.whenIdle();
    const [delivery] = await deliveries();
    expect(delivery?.state).toBe("failed");
    expect(delivery?.attempts).toHaveLength(4);
    expect(delivery?.attempts[0]?.error).toMatch(/ECONNREFUSED/);
  });

  it("delivers an event twice on request", async () => {
    await h.testApi("POST", "faults", { duplicateNextEvents: 1 });
    await h.stripe.paymentIntents.create({ amount: 1900, currency: "usd" });
    await h.emulator.webhooks.whenIdle();
    const ids = h.receiver.events().map((event) => event.id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it("holds deliveries and releases them reversed or in a chosen order", async () => {
    await h.testApi("POST", "webhooks/hold");
    await paidIntent();
    expect(h.receiver.received).toHaveLength(0);
    const held = await deliveries();
    expect(held.map((delivery) => delivery.state)).toEqual(["held", "held", "held"]);
    const [created, charge, succeeded] = held.map((delivery) => delivery.eventId);

    await h.testApi("POST", "webhooks/release", { eventIds: [succeeded, created], keepHolding: true });
    expect(h.receiver.events().map((event) => event.id)).toEqual([succeeded, created]);
    await h.testApi("POST", "webhooks/release", { order: "reversed" });
    expect(h.receiver.events().map((event) => event.id)).toEqual([succeeded, created, charge]);
    // Released without keepHolding: new events flow again.
    await h.stripe.paymentIntents.create({ amount: 500, currency: "usd" });
    await waitFor(() => h.receiver.received.length === 4);
  });

  it("refunds as the Dashboard would, emitting charge.refunded without an API request", async () => {
    const id = await paidIntent();
    await h.testApi("POST", "refunds", { paymentIntent: id });
    await h.emulator.webhooks.whenIdle();
    const refunded = h.receiver
      .events()
      .find((event) => event.type === "charge.refunded") as Stripe.ChargeRefundedEvent;
    expect(refunded.data.object).toMatchObject({ payment_intent: id, refunded: true, amount_refunded: 1900 });
    expect(refunded.request).toEqual({ id: null, idempotency_key: null });
  });

  it("emits payment_failed and canceled", async () => {
    const { id } = await h.stripe.paymentIntents.create({ amount: 1900, currency: "usd" });
    await h.stripe.paymentIntents
      .confirm(id, { payment_method: "pm_card_chargeDeclinedInsufficientFunds" })
      .catch(() => undefined);
    await h.stripe.paymentIntents.cancel(id);
    await h.emulator.webhooks.whenIdle();
    const failed = h.receiver
      .events()
      .find((event) => event.type === "payment_intent.payment_failed") as Stripe.PaymentIntentPaymentFailedEvent;
    expect(failed.data.object.last_payment_error).toMatchObject({ decline_code: "insufficient_funds" });
    expect(h.receiver.events().map((event) => event.type)).toContain("payment_intent.canceled");
  });

  it("resends an event and resets everything", async () => {
    const { id } = await h.stripe.paymentIntents.create({ amount: 1900, currency: "usd" });
    await h.emulator.webhooks.whenIdle();
    const [event] = h.receiver.events();
    await h.testApi("POST", `events/${event?.id}/resend`);
    await h.emulator.webhooks.whenIdle();
    expect(h.receiver.events().map((e) => e.id)).toEqual([event?.id, event?.id]);

    await h.testApi("POST", "reset");
    expect(await deliveries()).toEqual([]);
    await expect(h.stripe.paymentIntents.retrieve(id)).rejects.toMatchObject({ statusCode: 404 });
  });
});
