import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KEYS, startEmulator, type Harness } from "./test-support";

let h: Harness;
beforeEach(async () => {
  h = await startEmulator();
});
afterEach(() => h.close());

const createPro = (stripe: Stripe, idempotencyKey?: string) =>
  stripe.paymentIntents.create(
    {
      amount: 1900,
      currency: "usd",
      metadata: { user_id: "user_1", order_id: "order_1" },
      automatic_payment_methods: { enabled: true },
    },
    idempotencyKey ? { idempotencyKey } : undefined,
  );

describe("PaymentIntents through the stripe SDK", () => {
  it("creates and retrieves a Stripe-shaped PaymentIntent", async () => {
    const created = await createPro(h.stripe, "order_1");
    expect(created).toMatchObject({
      object: "payment_intent",
      amount: 1900,
      currency: "usd",
      status: "requires_payment_method",
      metadata: { user_id: "user_1", order_id: "order_1" },
      automatic_payment_methods: { enabled: true },
      latest_charge: null,
      last_payment_error: null,
      livemode: false,
    });
    expect(created.id).toMatch(/^pi_\w{24}$/);
    expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_\\w+$`));
    expect(await h.stripe.paymentIntents.retrieve(created.id)).toEqual(created);
  });

  it("confirms with a test card, records the charge, and expands latest_charge", async () => {
    const { id } = await createPro(h.stripe);
    const confirmed = await h.stripe.paymentIntents.confirm(id, { payment_method: "pm_card_visa" });
    expect(confirmed).toMatchObject({ status: "succeeded", amount_received: 1900, last_payment_error: null });
    const expanded = await h.stripe.paymentIntents.retrieve(id, { expand: ["latest_charge"] });
    const charge = expanded.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({
      object: "charge",
      id: confirmed.latest_charge,
      paid: true,
      refunded: false,
      amount_refunded: 0,
      payment_intent: id,
      status: "succeeded",
    });
    expect(charge.metadata).toEqual({ user_id: "user_1", order_id: "order_1" });
    expect(await h.stripe.charges.retrieve(charge.id)).toMatchObject({
      payment_method_details: { card: { last4: "4242" } },
    });
  });

  it("answers a decline with a 402 card_error, then lets the customer retry", async () => {
    const { id } = await createPro(h.stripe);
    const error = await h.stripe.paymentIntents
      .confirm(id, { payment_method: "pm_card_chargeDeclined" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({
      statusCode: 402,
      type: "StripeCardError",
      code: "card_declined",
      decline_code: "generic_decline",
    });
    expect((error as Stripe.errors.StripeCardError).payment_intent).toMatchObject({
      id,
      status: "requires_payment_method",
    });
    const failed = await h.stripe.paymentIntents.retrieve(id);
    expect(failed.last_payment_error).toMatchObject({
      code: "card_declined",
      decline_code: "generic_decline",
      type: "card_error",
    });
    expect(await h.stripe.paymentIntents.confirm(id, { payment_method: "pm_card_visa" })).toMatchObject({
      status: "succeeded",
      last_payment_error: null,
    });
  });

  it("cancels, and refuses to cancel twice", async () => {
    const { id } = await createPro(h.stripe);
    expect(await h.stripe.paymentIntents.cancel(id, { cancellation_reason: "abandoned" })).toMatchObject({
      status: "canceled",
      cancellation_reason: "abandoned",
    });
    await expect(h.stripe.paymentIntents.cancel(id)).rejects.toMatchObject({
      statusCode: 400,
      code: "payment_intent_unexpected_state",
    });
    await expect(h.stripe.paymentIntents.confirm(id, { payment_method: "pm_card_visa" })).rejects.toMatchObject({
      code: "payment_intent_unexpected_state",
    });
  });

  it("refunds in part, then in full, then refuses", async () => {
    const { id } = await createPro(h.stripe);
    const { latest_charge } = await h.stripe.paymentIntents.confirm(id, { payment_method: "pm_card_visa" });
    const partial = await h.stripe.refunds.create({ payment_intent: id, amount: 400 });
    expect(partial).toMatchObject({
      object: "refund",
      amount: 400,
      charge: latest_charge,
      payment_intent: id,
      status: "succeeded",
    });
    expect(await h.stripe.charges.retrieve(latest_charge as string)).toMatchObject({
      amount_refunded: 400,
      refunded: false,
    });
    await expect(h.stripe.refunds.create({ payment_intent: id, amount: 5000 })).rejects.toMatchObject({
      code: "amount_too_large",
      param: "amount",
    });
    expect(await h.stripe.refunds.create({ payment_intent: id })).toMatchObject({ amount: 1500 });
    expect(await h.stripe.charges.retrieve(latest_charge as string)).toMatchObject({
      amount_refunded: 1900,
      refunded: true,
    });
    await expect(h.stripe.refunds.create({ payment_intent: id })).rejects.toMatchObject({
      code: "charge_already_refunded",
    });
    expect(await h.stripe.refunds.retrieve(partial.id)).toEqual(partial);
  });

  it("updates metadata like Stripe: merge, and empty values unset", async () => {
    const { id } = await createPro(h.stripe);
    const updated = await h.stripe.paymentIntents.update(id, { metadata: { order_id: "", plan: "pro" }, amount: 2900 });
    expect(updated).toMatchObject({ amount: 2900, metadata: { user_id: "user_1", plan: "pro" } });
    expect(updated.metadata).not.toHaveProperty("order_id");
  });

  it("leaves the emulator's processing card processing until the test API settles it", async () => {
    const { id, client_secret } = await createPro(h.stripe);
    const confirm = await h.api(
      "POST",
      `/v1/payment_intents/${id}/confirm`,
      {
        client_secret: client_secret as string,
        "payment_method_data[type]": "card",
        "payment_method_data[card][number]": "4000000000008088",
        "payment_method_data[card][exp_month]": "12",
        "payment_method_data[card][exp_year]": "2040",
      },
      { authorization: `Bearer ${KEYS.publishableKey}` },
    );
    expect(confirm.body).toMatchObject({ status: "processing" });
    await h.testApi("POST", `payment_intents/${id}/settle`, { result: "succeeded" });
    expect(await h.stripe.paymentIntents.retrieve(id)).toMatchObject({ status: "succeeded" });
  });
});

describe("errors and keys", () => {
  it("rejects missing or wrong keys with 401", async () => {
    await expect(h.client("sk_test_wrong_key_12345678").paymentIntents.retrieve("pi_x")).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
    const anonymous = await h.api("GET", "/v1/payment_intents/pi_x", {}, { authorization: "" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.message).toMatch(/did not provide an API key/);
  });

  it("maps invalid params to Stripe's codes", async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ currency: "usd" }, "parameter_missing", "amount"],
      [{ amount: "12x", currency: "usd" }, "parameter_invalid_integer", "amount"],
      [{ amount: "100", currency: "usd", colour: "red" }, "parameter_unknown", "colour"],
      [
        { amount: "100", currency: "usd", "automatic_payment_methods[enabled]": "yes" },
        "parameter_invalid",
        "automatic_payment_methods[enabled]",
      ],
    ];
    for (const [params, code, param] of cases) {
      const { status, body } = await h.api("POST", "/v1/payment_intents", params);
      expect({ status, code: body.error?.code, param: body.error?.param, type: body.error?.type }).toEqual({
        status: 400,
        code,
        param,
        type: "invalid_request_error",
      });
    }
    await expect(h.stripe.paymentIntents.retrieve("pi_missing")).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });
  });

  it("lets the publishable key read and confirm only with the client secret, and shows it less", async () => {
    const { id, client_secret } = await createPro(h.stripe);
    const asBrowser = { authorization: `Bearer ${KEYS.publishableKey}` };
    expect((await h.api("POST", "/v1/payment_intents", { amount: "100", currency: "usd" }, asBrowser)).status).toBe(
      401,
    );
    expect((await h.api("GET", `/v1/payment_intents/${id}`, {}, asBrowser)).body.error?.param).toBe("client_secret");
    expect(
      (await h.api("GET", `/v1/payment_intents/${id}`, { client_secret: `${id}_secret_wrong` }, asBrowser)).status,
    ).toBe(400);
    const read = await h.api("GET", `/v1/payment_intents/${id}`, { client_secret: client_secret as string }, asBrowser);
    expect(read.body).toMatchObject({ id, status: "requires_payment_method", client_secret });
    expect(read.body).not.toHaveProperty("metadata");

    const card = (number: string) => ({
      client_secret: client_secret as string,
      "payment_method_data[type]": "card",
      "payment_method_data[card][number]": number,
      "payment_method_data[card][exp_month]": "12",
      "payment_method_data[card][exp_year]": "2040",
      "payment_method_data[card][cvc]": "123",
    });
    const wrongNumber = await h.api("POST", `/v1/payment_intents/${id}/confirm`, card("4111111111111111"), asBrowser);
    expect(wrongNumber).toMatchObject({
      status: 402,
      body: { error: { type: "card_error", code: "incorrect_number", param: "number" } },
    });
    const poor = await h.api("POST", `/v1/payment_intents/${id}/confirm`, card("4000 0000 0000 9995"), asBrowser);
    expect(poor).toMatchObject({
      status: 402,
      body: { error: { code: "card_declined", decline_code: "insufficient_funds", payment_intent: { id } } },
    });
    const paid = await h.api("POST", `/v1/payment_intents/${id}/confirm`, card("4242424242424242"), asBrowser);
    expect(paid).toMatchObject({ status: 200, body: { status: "succeeded" } });
    expect(paid.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("serves the Stripe.js stand-in and answers CORS preflights", async () => {
    const script = await fetch(`${h.baseUrl}/v3/stripe.js`);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    const source = await script.text();
    expect(source).toContain(`"apiBase":"${h.baseUrl}"`);
    expect(source).toContain('Stripe.version = "endive"');
    const preflight = await fetch(`${h.baseUrl}/v1/payment_intents/pi_x/confirm`, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
  });
});
