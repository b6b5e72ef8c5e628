import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IdempotencyStore } from "./idempotency";
import { KEYS, startEmulator, type Harness } from "./test-support";
import type { PaymentIntent } from "./types";

let h: Harness;
beforeEach(async () => {
  h = await startEmulator();
});
afterEach(() => h.close());

const params = {
  amount: "1900",
  currency: "usd",
  "metadata[order_id]": "order_1",
  "automatic_payment_methods[enabled]": "true",
};
const countIntents = async () => (await h.testApi<{ data: PaymentIntent[] }>("GET", "payment_intents")).data.length;

describe("Idempotency-Key", () => {
  it("replays the first answer for the same key and parameters", async () => {
    const first = await h.api("POST", "/v1/payment_intents", params, { "idempotency-key": "order_1" });
    const second = await h.api("POST", "/v1/payment_intents", params, { "idempotency-key": "order_1" });
    expect(second.body).toEqual(first.body);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.headers.get("original-request")).toBe(first.headers.get("request-id"));
    expect(await countIntents()).toBe(1);
  });

  it("refuses the same key with other parameters or another endpoint", async () => {
    await h.stripe.paymentIntents.create({ amount: 1900, currency: "usd" }, { idempotencyKey: "order_2" });
    const error = await h.stripe.paymentIntents
      .create({ amount: 2900, currency: "usd" }, { idempotencyKey: "order_2" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, type: "StripeIdempotencyError" });
    const otherEndpoint = await h.api(
      "POST",
      "/v1/refunds",
      { payment_intent: "pi_x" },
      { "idempotency-key": "order_2" },
    );
    expect(otherEndpoint).toMatchObject({ status: 400, body: { error: { type: "idempotency_error" } } });
    expect(await countIntents()).toBe(1);
  });

  it("replays errors too, without running the request again", async () => {
    const { id } = await h.stripe.paymentIntents.create({ amount: 1900, currency: "usd" });
    const decline = { payment_method: "pm_card_chargeDeclined" };
    const first = await h.api("POST", `/v1/payment_intents/${id}/confirm`, decline, { "idempotency-key": "confirm_1" });
    const second = await h.api("POST", `/v1/payment_intents/${id}/confirm`, decline, {
      "idempotency-key": "confirm_1",
    });
    expect([first.status, second.status]).toEqual([402, 402]);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(h.emulator.store.charges.size).toBe(1);
  });

  it("does not save requests that fail validation", async () => {
    const invalid = await h.api("POST", "/v1/payment_intents", { currency: "usd" }, { "idempotency-key": "order_3" });
    expect(invalid.status).toBe(400);
    const valid = await h.api("POST", "/v1/payment_intents", params, { "idempotency-key": "order_3" });
    expect(valid.status).toBe(200);
  });

  it("scopes keys to the API key and forgets them after 24 hours", () => {
    let now = 0;
    const store = new IdempotencyStore(24 * 60 * 60 * 1000, () => now);
    const saved = { status: 200, body: "{}", requestId: "req_1" };
    store.save("sk_a", "k", "POST /v1/x", { a: "1" }, saved);
    expect(store.lookup("sk_a", "k", "POST /v1/x", { a: "1" })).toEqual({ kind: "replay", response: saved });
    expect(store.lookup("sk_b", "k", "POST /v1/x", { a: "1" })).toEqual({ kind: "new" });
    now = 24 * 60 * 60 * 1000 + 1;
    expect(store.lookup("sk_a", "k", "POST /v1/x", { a: "1" })).toEqual({ kind: "new" });
  });
});

describe("fault controls against the SDK's own retries", () => {
  it("survives two injected 500s and creates exactly one PaymentIntent", async () => {
    await h.testApi("POST", "faults", { failNext: { count: 2 } });
    const created = await h.stripe.paymentIntents.create({ amount: 1900, currency: "usd" });
    expect(created.status).toBe("requires_payment_method");
    expect(await countIntents()).toBe(1);
    expect((await h.testApi<{ failNext: { count: number } }>("GET", "faults")).failNext.count).toBe(0);
  });

  it("stops the SDK from retrying when Stripe-Should-Retry is false", async () => {
    await h.testApi("POST", "faults", { failNext: { count: 1, status: 503, shouldRetry: false } });
    await expect(h.stripe.paymentIntents.create({ amount: 1900, currency: "usd" })).rejects.toBeInstanceOf(
      Stripe.errors.StripeAPIError,
    );
    expect(await countIntents()).toBe(0);
  });

  it("replays, not repeats, a request whose answer was lost", async () => {
    await h.testApi("POST", "faults", { dropNext: { count: 1, when: "afterProcessing" } });
    const created = await h.stripe.paymentIntents.create({ amount: 1900, currency: "usd" });
    expect(created.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(await countIntents()).toBe(1);
  });

  it("drops connections before processing and adds latency", async () => {
    await h.testApi("POST", "faults", { dropNext: { count: 1 } });
    const { id } = await h.stripe.paymentIntents.create({ amount: 1900, currency: "usd" });
    expect(await countIntents()).toBe(1);

    await h.testApi("POST", "faults", { latencyMs: 300 });
    const impatient = h.client(KEYS.secretKey, { timeout: 100, maxNetworkRetries: 0 });
    await expect(impatient.paymentIntents.retrieve(id)).rejects.toBeInstanceOf(Stripe.errors.StripeConnectionError);
    await h.testApi("DELETE", "faults");
  });

  it("validates fault requests", async () => {
    const response = await fetch(`${h.baseUrl}/__test/faults`, {
      method: "POST",
      body: JSON.stringify({ failNext: { count: -1 } }),
    });
    expect(response.status).toBe(400);
  });
});
