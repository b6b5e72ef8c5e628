import { Hono } from "hono";
import { z } from "zod";
import { jsonError } from "../shared/json-errors";
import { readJson, type InputErrors } from "../shared/request-input";
import { decideDispute, disputePaymentIntent } from "./disputes";
import { DASHBOARD_REQUEST } from "./events";
import { faultsInput, type Faults } from "./faults";
import { settle, type FlowDeps } from "./payment-flow";
import { createRefund } from "./refunds";
import { DISPUTE_REASONS } from "./types";
import type { Delivery, EventWebhooks } from "./webhook-delivery";

/**
 * Controls for tests under /__test/ (JSON in, JSON out). Not part of Stripe's API: they play the
 * Dashboard, the bank and the network. Local only; the emulator listens on 127.0.0.1.
 */

export interface TestApiDeps extends FlowDeps {
  faults: Faults;
  webhooks: EventWebhooks;
  reset: () => void;
}

const empty = z.strictObject({});
const settleInput = z.strictObject({ result: z.enum(["succeeded", "failed"]) });
const refundInput = z.strictObject({
  paymentIntent: z.string().min(1),
  amount: z.int().positive().optional(),
  reason: z.enum(["duplicate", "fraudulent", "requested_by_customer"]).optional(),
});
const disputeInput = z.strictObject({
  paymentIntent: z.string().min(1),
  reason: z.enum(DISPUTE_REASONS).default("fraudulent"),
});
const disputeCloseInput = z.strictObject({ outcome: z.enum(["won", "lost"]) });
const releaseInput = z.strictObject({
  order: z.enum(["created", "reversed"]).default("created"),
  eventIds: z.array(z.string()).optional(),
  keepHolding: z.boolean().default(false),
});
const retryPolicyInput = z.strictObject({
  baseDelayMs: z.int().min(1).max(3_600_000).optional(),
  maxAttempts: z.int().min(1).max(50).optional(),
  timeoutMs: z.int().min(1).max(120_000).optional(),
});

/** The test API's own error shape (refusals from the payment logic keep Stripe's). */
const badRequest = (message: string) => jsonError(400, { error: { message } });
const INPUT_ERRORS: InputErrors = {
  invalidJson: { error: { message: "Body is not valid JSON." } },
  invalidInput: (error) => ({ error: { message: z.prettifyError(error) } }),
};

/** Mounted at /__test. */
export function testApi(deps: TestApiDeps): Hono {
  const findPaymentIntent = (id: string) => {
    const paymentIntent = deps.store.paymentIntents.get(id);
    if (!paymentIntent) throw badRequest(`No such payment_intent: '${id}'`);
    return paymentIntent;
  };
  return new Hono()
    .get("/payment_intents", (c) => c.json({ data: [...deps.store.paymentIntents.values()] }))
    .post("/payment_intents/:id/settle", async (c) => {
      const { result } = await readJson(c, settleInput, INPUT_ERRORS);
      return c.json(settle(deps, findPaymentIntent(c.req.param("id")), result, DASHBOARD_REQUEST));
    })
    .post("/refunds", async (c) => {
      const { paymentIntent, ...rest } = await readJson(c, refundInput, INPUT_ERRORS);
      return c.json(createRefund(deps, { payment_intent: paymentIntent, ...rest }, DASHBOARD_REQUEST));
    })
    .get("/disputes", (c) => {
      const paymentIntent = c.req.query("paymentIntent");
      const disputes = [...deps.store.disputes.values()];
      return c.json({ data: disputes.filter((dispute) => !paymentIntent || dispute.payment_intent === paymentIntent) });
    })
    .post("/disputes", async (c) => {
      const { paymentIntent, reason } = await readJson(c, disputeInput, INPUT_ERRORS);
      return c.json(disputePaymentIntent(deps, findPaymentIntent(paymentIntent), reason));
    })
    .post("/disputes/:id/close", async (c) => {
      const { outcome } = await readJson(c, disputeCloseInput, INPUT_ERRORS);
      const id = c.req.param("id");
      const dispute = deps.store.disputes.get(id);
      if (!dispute) throw badRequest(`No such dispute: '${id}'`);
      return c.json(decideDispute(deps, dispute, outcome));
    })
    .get("/events", (c) => {
      const type = c.req.query("type");
      return c.json({ data: [...deps.store.events.values()].filter((event) => !type || event.type === type) });
    })
    .post("/events/:id/resend", async (c) => {
      await readJson(c, empty, INPUT_ERRORS);
      const id = c.req.param("id");
      const event = deps.store.events.get(id);
      if (!event) throw badRequest(`No such event: '${id}'`);
      deps.webhooks.enqueue(event);
      return c.json({ resent: id });
    })
    .get("/faults", (c) => c.json(deps.faults.snapshot()))
    .post("/faults", async (c) => c.json(deps.faults.apply(await readJson(c, faultsInput, INPUT_ERRORS))))
    .delete("/faults", (c) => {
      deps.faults.clear();
      return c.json(deps.faults.snapshot());
    })
    .get("/webhooks/deliveries", (c) => {
      const { eventId, eventType } = c.req.query();
      const data = deps.webhooks.list(
        (delivery) => (!eventId || delivery.eventId === eventId) && (!eventType || delivery.eventType === eventType),
      );
      return c.json({ data });
    })
    .post("/webhooks/hold", async (c) => {
      await readJson(c, empty, INPUT_ERRORS);
      deps.webhooks.hold();
      return c.json({ holding: true });
    })
    .post("/webhooks/release", async (c) => {
      const { eventIds, order, keepHolding } = await readJson(c, releaseInput, INPUT_ERRORS);
      const choose = (held: Delivery[]) =>
        eventIds
          ? eventIds.flatMap((id) => held.filter((delivery) => delivery.eventId === id))
          : order === "reversed"
            ? held.reverse()
            : held;
      return c.json({ data: await deps.webhooks.release(choose, keepHolding) });
    })
    .post("/webhooks/retry-policy", async (c) =>
      c.json(deps.webhooks.setRetryPolicy(await readJson(c, retryPolicyInput, INPUT_ERRORS))),
    )
    .post("/reset", async (c) => {
      await readJson(c, empty, INPUT_ERRORS);
      deps.reset();
      return c.json({ reset: true });
    });
}
