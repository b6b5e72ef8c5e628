import { z } from "zod";
import type { FlowDeps } from "./payment-flow";
import * as params from "./params";
import { defineRoute, type ApiContext, type ApiRoute } from "./routes";
import { newId, nowSeconds } from "./store";
import { invalidRequest, resourceMissing } from "./stripe-errors";
import type { Refund } from "./types";

export const refundParams = z.strictObject({
  payment_intent: z.string().optional(),
  charge: z.string().optional(),
  amount: params.amount.optional(),
  reason: z.enum(["duplicate", "fraudulent", "requested_by_customer"]).optional(),
  metadata: params.metadata.optional(),
  expand: params.expand.optional(),
});
export type RefundParams = z.output<typeof refundParams>;

const dollars = (amount: number) => `$${(amount / 100).toFixed(2)}`;

/** Refunds a succeeded payment (all of what is left, or `amount`), as the API and the Dashboard both do. */
export function createRefund(deps: FlowDeps, input: RefundParams, request: ApiContext["request"]): Refund {
  const { store } = deps;
  let chargeId = input.charge;
  if (input.payment_intent) {
    const paymentIntent = store.paymentIntents.get(input.payment_intent);
    if (!paymentIntent) throw resourceMissing("payment_intent", input.payment_intent, "payment_intent");
    if (paymentIntent.status !== "succeeded" || !paymentIntent.latest_charge) {
      throw invalidRequest(`This PaymentIntent (${paymentIntent.id}) does not have a successful charge to refund.`, {
        code: "charge_not_refundable",
        param: "payment_intent",
      });
    }
    chargeId = paymentIntent.latest_charge;
  }
  if (!chargeId)
    throw invalidRequest("One of the following params should be provided for this request: payment_intent or charge.", {
      code: "parameter_missing",
    });
  const charge = store.charges.get(chargeId);
  if (!charge) throw resourceMissing("charge", chargeId, "charge");
  if (charge.status !== "succeeded")
    throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`, {
      code: "charge_not_refundable",
      param: "charge",
    });
  if (charge.refunded)
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: "charge_already_refunded" });
  const remaining = charge.amount - charge.amount_refunded;
  const amount = input.amount ?? remaining;
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${dollars(amount)}) is greater than unrefunded amount on charge (${dollars(remaining)})`,
      { code: "amount_too_large", param: "amount" },
    );
  }
  const refund: Refund = {
    id: newId("re"),
    object: "refund",
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    metadata: input.metadata ?? {},
    payment_intent: charge.payment_intent,
    reason: input.reason ?? null,
    status: "succeeded",
  };
  store.refunds.set(refund.id, refund);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  deps.events.emit("refund.created", refund, request);
  deps.events.emit("charge.refunded", charge, request);
  return refund;
}

export function refundRoutes(deps: FlowDeps): ApiRoute[] {
  return [
    defineRoute({
      method: "POST",
      path: "/refunds",
      params: refundParams,
      handle: (ctx, input) => createRefund(deps, input, ctx.request),
    }),
    defineRoute({
      method: "GET",
      path: "/refunds/:id",
      params: z.strictObject({ expand: params.expand.optional() }),
      handle(_ctx, _input, id) {
        const refund = deps.store.refunds.get(id);
        if (!refund) throw resourceMissing("refund", id);
        return refund;
      },
    }),
  ];
}
