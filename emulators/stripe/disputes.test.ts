import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KEYS, startEmulator, type Harness } from "./test-support";

let h: Harness;
beforeEach(async () => {
  h = await startEmulator();
});
afterEach(() => h.close());

const verifier = new Stripe(KEYS.secretKey);

async function paid(paymentMethod = "pm_card_visa"): Promise<Stripe.PaymentIntent> {
  const { id } = await h.stripe.paymentIntents.create({ amount: 1900, currency: "usd", metadata: { order_id: "o1" } });
  return h.stripe.paymentIntents.confirm(id, { payment_method: paymentMethod });
}

/** Opens a dispute through the test API, as the bank would. */
const openDispute = async (paymentIntent: string, reason?: string) =>
  h.testApi<Stripe.Dispute>("POST", "disputes", { paymentIntent, reason });

const eventTypes = async () =>
  (await h.testApi<{ data: Stripe.Event[] }>("GET", "events")).data.map((event) => event.type);
const disputeEvents = async () =>
  (await h.testApi<{ data: Stripe.Event[] }>("GET", "events")).data.filter((event) =>
    event.type.startsWith("charge.dispute."),
  );

describe("the card that is disputed (4000 0000 0000 0259)", () => {
  it("succeeds like 4242 when the card form sends it, then the bank disputes the charge", async () => {
    const created = await h.stripe.paymentIntents.create({ amount: 1900, currency: "usd" });
    // What the Stripe.js stand-in's card form sends: the raw card, the publishable key and the client secret.
    const { status, body } = await h.api(
      "POST",
      `/v1/payment_intents/${created.id}/confirm`,
      {
        client_secret: created.client_secret as string,
        "payment_method_data[type]": "card",
        "payment_method_data[card][number]": "4000000000000259",
        "payment_method_data[card][exp_month]": "12",
        "payment_method_data[card][exp_year]": String(new Date().getUTCFullYear() + 1),
        "payment_method_data[card][cvc]": "123",
      },
      { authorization: `Bearer ${KEYS.publishableKey}` },
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: created.id, status: "succeeded" });

    const intent = await h.stripe.paymentIntents.retrieve(created.id, { expand: ["latest_charge"] });
    const charge = intent.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ status: "succeeded", paid: true, disputed: true, refunded: false });
    expect(charge.payment_method_details?.card?.last4).toBe("0259");

    // What the app does: the newest dispute on the payment.
    const { data } = await h.stripe.disputes.list({ payment_intent: created.id, limit: 1 });
    expect(data).toHaveLength(1);
    const dispute = data[0] as Stripe.Dispute;
    expect(dispute).toMatchObject({
      object: "dispute",
      amount: 1900,
      currency: "usd",
      charge: charge.id,
      payment_intent: created.id,
      reason: "fraudulent",
      status: "needs_response",
      livemode: false,
      metadata: {},
      balance_transactions: [],
      is_charge_refundable: false,
      evidence: { uncategorized_text: null, customer_name: null },
      evidence_details: { has_evidence: false, past_due: false, submission_count: 0 },
      payment_method_details: { type: "card", card: { brand: "visa", case_type: "chargeback" } },
    });
    expect(dispute.id).toMatch(/^dp_\w{24}$/);
    expect(dispute.evidence_details.due_by).toBeGreaterThan(dispute.created);

    // The dispute comes after the payment, from the bank rather than from the confirmation request.
    expect(await eventTypes()).toEqual([
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "charge.dispute.created",
    ]);
    await h.emulator.webhooks.whenIdle();
    const delivered = h.receiver.received.find((entry) => entry.body.includes('"charge.dispute.created"'));
    if (!delivered) throw new Error("charge.dispute.created was not delivered");
    const event = verifier.webhooks.constructEvent(
      delivered.body,
      delivered.headers["stripe-signature"] as string,
      KEYS.webhookSecret,
    );
    expect(event).toMatchObject({
      type: "charge.dispute.created",
      request: { id: null, idempotency_key: null },
      data: { object: { id: dispute.id, object: "dispute", payment_intent: created.id, status: "needs_response" } },
    });
  });

  it("has the pm_card_createDispute shortcut; 4242 is never disputed", async () => {
    const disputed = await paid("pm_card_createDispute");
    expect(disputed.status).toBe("succeeded");
    expect(await h.stripe.charges.retrieve(disputed.latest_charge as string)).toMatchObject({ disputed: true });

    const clean = await paid();
    expect(await h.stripe.charges.retrieve(clean.latest_charge as string)).toMatchObject({ disputed: false });
    expect((await h.stripe.disputes.list({ payment_intent: clean.id })).data).toEqual([]);
  });
});

describe("GET /v1/disputes", () => {
  it("lists newest first, by payment_intent or charge, in pages", async () => {
    const first = await paid("pm_card_createDispute");
    const second = await paid("pm_card_createDispute");
    const third = await paid();
    const opened = await openDispute(third.id, "product_not_received");

    const all = await h.stripe.disputes.list();
    expect(all).toMatchObject({ object: "list", has_more: false, url: "/v1/disputes" });
    expect(all.data.map((dispute) => dispute.payment_intent)).toEqual([third.id, second.id, first.id]);
    expect(all.data[0]).toEqual(opened);

    const byIntent = await h.stripe.disputes.list({ payment_intent: second.id });
    expect(byIntent.data.map((dispute) => dispute.payment_intent)).toEqual([second.id]);
    const byCharge = await h.stripe.disputes.list({ charge: first.latest_charge as string });
    expect(byCharge.data.map((dispute) => dispute.payment_intent)).toEqual([first.id]);
    expect((await h.stripe.disputes.list({ payment_intent: "pi_none" })).data).toEqual([]);

    const page = await h.stripe.disputes.list({ limit: 2 });
    expect(page.has_more).toBe(true);
    const next = await h.stripe.disputes.list({ limit: 2, starting_after: page.data[1]?.id });
    expect(next).toMatchObject({ has_more: false, data: [{ payment_intent: first.id }] });
    const paged: string[] = [];
    for await (const dispute of h.stripe.disputes.list({ limit: 1 })) paged.push(dispute.id);
    expect(paged).toEqual(all.data.map((dispute) => dispute.id));

    await expect(h.stripe.disputes.list({ limit: 101 })).rejects.toMatchObject({ statusCode: 400, param: "limit" });
  });

  it("retrieves one, expands its charge, and answers unknown ids with resource_missing", async () => {
    const intent = await paid("pm_card_createDispute");
    const [dispute] = (await h.stripe.disputes.list({ payment_intent: intent.id })).data;
    if (!dispute) throw new Error("no dispute");
    expect(await h.stripe.disputes.retrieve(dispute.id)).toEqual(dispute);
    const expanded = await h.stripe.disputes.retrieve(dispute.id, { expand: ["charge", "payment_intent"] });
    expect(expanded.charge).toMatchObject({ object: "charge", id: intent.latest_charge, disputed: true });
    expect(expanded.payment_intent).toMatchObject({ object: "payment_intent", id: intent.id });
    const listed = await h.stripe.disputes.list({ expand: ["data.charge"] });
    expect(listed.data[0]?.charge).toMatchObject({ object: "charge", id: intent.latest_charge });

    const error = await h.stripe.disputes.retrieve("dp_missing").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 404,
      code: "resource_missing",
      message: "No such dispute: 'dp_missing'",
    });
    await expect(h.stripe.disputes.update("dp_missing", { metadata: { a: "b" } })).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });
    await expect(h.stripe.disputes.close("dp_missing")).rejects.toMatchObject({ statusCode: 404 });
  });

  it("needs the secret key", async () => {
    const intent = await paid("pm_card_createDispute");
    const publishable = h.client(KEYS.publishableKey, { maxNetworkRetries: 0 });
    await expect(publishable.disputes.list({ payment_intent: intent.id })).rejects.toMatchObject({ statusCode: 401 });
  });
});

describe("responding to a dispute", () => {
  async function disputed() {
    const intent = await paid("pm_card_createDispute");
    const [dispute] = (await h.stripe.disputes.list({ payment_intent: intent.id })).data;
    if (!dispute) throw new Error("no dispute");
    return dispute;
  }

  it("winning_evidence submits the evidence, then the bank decides won", async () => {
    const { id } = await disputed();
    const won = await h.stripe.disputes.update(id, {
      evidence: { uncategorized_text: "winning_evidence", customer_name: "Ada" },
      metadata: { case: "c1" },
    });
    expect(won).toMatchObject({
      status: "won",
      metadata: { case: "c1" },
      evidence: { uncategorized_text: "winning_evidence", customer_name: "Ada", receipt: null },
      evidence_details: { has_evidence: true, submission_count: 1, submission_method: "manual" },
    });
    expect(await h.stripe.disputes.retrieve(id)).toEqual(won);
    const [created, updated, closed] = await disputeEvents();
    expect(created?.type).toBe("charge.dispute.created");
    expect(updated).toMatchObject({ type: "charge.dispute.updated", data: { object: { id, status: "under_review" } } });
    expect(updated?.request?.idempotency_key).toMatch(/^stripe-node-retry-/);
    expect(closed).toMatchObject({
      type: "charge.dispute.closed",
      request: { id: null },
      data: { object: { id, status: "won" } },
    });
    // The charge stays disputed: a won dispute is still a dispute.
    expect(await h.stripe.charges.retrieve(won.charge as string)).toMatchObject({ disputed: true });
  });

  it("losing_evidence closes it as lost", async () => {
    const { id } = await disputed();
    expect(await h.stripe.disputes.update(id, { evidence: { uncategorized_text: "losing_evidence" } })).toMatchObject({
      status: "lost",
    });
    expect((await disputeEvents()).map((event) => [event.type, (event.data.object as Stripe.Dispute).status])).toEqual([
      ["charge.dispute.created", "needs_response"],
      ["charge.dispute.updated", "under_review"],
      ["charge.dispute.closed", "lost"],
    ]);
  });

  it("stages evidence with submit=false, and other evidence waits under review for the bank", async () => {
    const { id } = await disputed();
    const staged = await h.stripe.disputes.update(id, {
      evidence: { uncategorized_text: "winning_evidence" },
      submit: false,
    });
    expect(staged).toMatchObject({ status: "needs_response", evidence_details: { has_evidence: true } });
    expect(staged.evidence_details.submission_count).toBe(0);

    const submitted = await h.stripe.disputes.update(id, { evidence: { uncategorized_text: "They used it." } });
    expect(submitted).toMatchObject({ status: "under_review", evidence_details: { submission_count: 1 } });
    // Submitted evidence is locked; metadata is not.
    await expect(
      h.stripe.disputes.update(id, { evidence: { uncategorized_text: "winning_evidence" } }),
    ).rejects.toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError" });
    expect(await h.stripe.disputes.update(id, { metadata: { note: "x" } })).toMatchObject({
      status: "under_review",
      metadata: { note: "x" },
    });
    const decided = await h.testApi<Stripe.Dispute>("POST", `disputes/${id}/close`, { outcome: "won" });
    expect(decided).toMatchObject({ id, status: "won" });
    expect((await disputeEvents()).map((event) => event.type)).toEqual([
      "charge.dispute.created",
      "charge.dispute.updated",
      "charge.dispute.updated",
      "charge.dispute.updated",
      "charge.dispute.closed",
    ]);
  });

  it("close accepts the dispute: lost, charge.dispute.closed", async () => {
    const { id } = await disputed();
    expect(await h.stripe.disputes.close(id)).toMatchObject({ id, status: "lost" });
    const closed = (await disputeEvents()).at(-1);
    expect(closed).toMatchObject({ type: "charge.dispute.closed", data: { object: { id, status: "lost" } } });
    expect(closed?.request?.id).toMatch(/^req_/);
  });

  it("refuses to change a closed dispute, in Stripe's error shape", async () => {
    const { id } = await disputed();
    await h.stripe.disputes.close(id);
    for (const attempt of [
      () => h.stripe.disputes.update(id, { metadata: { a: "b" } }),
      () => h.stripe.disputes.update(id, { evidence: { uncategorized_text: "winning_evidence" } }),
      () => h.stripe.disputes.close(id),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError" });
      expect((error as Error).message).toContain("already closed");
    }
    const raw = await h.api("POST", `/v1/disputes/${id}/close`, {});
    expect(raw.body.error).toMatchObject({ type: "invalid_request_error" });
    expect(await h.stripe.disputes.retrieve(id)).toMatchObject({ status: "lost", metadata: {} });
    expect((await disputeEvents()).map((event) => event.type)).toEqual([
      "charge.dispute.created",
      "charge.dispute.closed",
    ]);
  });

  it("replays an update or a close sent again with the same Idempotency-Key", async () => {
    const { id } = await disputed();
    const params = { "evidence[uncategorized_text]": "winning_evidence" };
    const first = await h.api("POST", `/v1/disputes/${id}`, params, { "idempotency-key": "evidence-1" });
    const again = await h.api("POST", `/v1/disputes/${id}`, params, { "idempotency-key": "evidence-1" });
    expect(first.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    // A replayed close answers the first error again rather than running twice.
    const close = await h.api("POST", `/v1/disputes/${id}/close`, {}, { "idempotency-key": "close-1" });
    const closeAgain = await h.api("POST", `/v1/disputes/${id}/close`, {}, { "idempotency-key": "close-1" });
    expect(close.status).toBe(400);
    expect(closeAgain).toMatchObject({ status: 400, body: close.body });
    expect(closeAgain.headers.get("idempotent-replayed")).toBe("true");
    const other = await h.api(
      "POST",
      `/v1/disputes/${id}`,
      { "metadata[a]": "b" },
      { "idempotency-key": "evidence-1" },
    );
    expect(other.body.error).toMatchObject({ type: "idempotency_error" });
    expect((await disputeEvents()).map((event) => event.type)).toEqual([
      "charge.dispute.created",
      "charge.dispute.updated",
      "charge.dispute.closed",
    ]);
  });

  it("refuses unknown evidence fields as Stripe does", async () => {
    const { id } = await disputed();
    const { status, body } = await h.api("POST", `/v1/disputes/${id}`, { "evidence[favourite_colour]": "blue" });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "parameter_unknown", param: "evidence[favourite_colour]" });
  });
});

describe("test API: disputes from the bank", () => {
  it("opens a dispute on a succeeded payment, lists it, and closes it as the bank decides", async () => {
    const intent = await paid();
    const dispute = await openDispute(intent.id, "product_not_received");
    expect(dispute).toMatchObject({
      object: "dispute",
      payment_intent: intent.id,
      charge: intent.latest_charge,
      amount: 1900,
      reason: "product_not_received",
      status: "needs_response",
    });
    expect(await openDispute((await paid()).id)).toMatchObject({ reason: "fraudulent" });
    expect(await h.stripe.charges.retrieve(intent.latest_charge as string)).toMatchObject({ disputed: true });

    const listed = await h.testApi<{ data: Stripe.Dispute[] }>("GET", `disputes?paymentIntent=${intent.id}`);
    expect(listed.data.map((entry) => entry.id)).toEqual([dispute.id]);
    expect((await h.testApi<{ data: Stripe.Dispute[] }>("GET", "disputes")).data).toHaveLength(2);

    expect(await h.testApi("POST", `disputes/${dispute.id}/close`, { outcome: "lost" })).toMatchObject({
      status: "lost",
    });
    const closed = (await disputeEvents()).filter((event) => event.type === "charge.dispute.closed");
    expect(closed).toMatchObject([{ request: { id: null }, data: { object: { id: dispute.id, status: "lost" } } }]);
    await expect(h.testApi("POST", `disputes/${dispute.id}/close`, { outcome: "won" })).rejects.toThrow(
      /400.*invalid_request_error.*already closed/,
    );
  });

  it("refuses payments that cannot be disputed, and bad input", async () => {
    const unpaid = await h.stripe.paymentIntents.create({ amount: 1900, currency: "usd" });
    await expect(openDispute(unpaid.id)).rejects.toThrow(/400.*does not have a successful charge/);
    await expect(openDispute("pi_missing")).rejects.toThrow(/400.*No such payment_intent/);
    const intent = await paid("pm_card_createDispute");
    await expect(openDispute(intent.id)).rejects.toThrow(/400.*already been disputed/);
    await expect(openDispute(intent.id, "bored")).rejects.toThrow(/400/);
    await expect(h.testApi("POST", "disputes/dp_missing/close", { outcome: "won" })).rejects.toThrow(
      /400.*No such dispute/,
    );
    const [dispute] = (await h.stripe.disputes.list()).data;
    await expect(h.testApi("POST", `disputes/${dispute?.id}/close`, { outcome: "maybe" })).rejects.toThrow(/400/);
  });

  it("reset forgets disputes", async () => {
    await paid("pm_card_createDispute");
    await h.testApi("POST", "reset", {});
    expect((await h.testApi<{ data: Stripe.Dispute[] }>("GET", "disputes")).data).toEqual([]);
    expect((await h.stripe.disputes.list()).data).toEqual([]);
  });
});
