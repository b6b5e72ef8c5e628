import { z } from "zod";
import { expand } from "./params";
import { defineRoute, type ApiRoute } from "./routes";
import { newId, nowSeconds, type Store, type StoredPaymentMethod } from "./store";
import { resourceMissing } from "./stripe-errors";
import type { CardOutcome } from "./test-cards";
import type { Charge, PaymentIntent } from "./types";

const OUTCOMES: Record<Charge["status"], Omit<Charge["outcome"], "reason">> = {
  succeeded: {
    network_status: "approved_by_network",
    risk_level: "normal",
    seller_message: "Payment complete.",
    type: "authorized",
  },
  pending: {
    network_status: "approved_by_network",
    risk_level: "normal",
    seller_message: "Payment is processing.",
    type: "authorized",
  },
  failed: {
    network_status: "declined_by_network",
    risk_level: "normal",
    seller_message: "The bank did not return any further details with this decline.",
    type: "issuer_declined",
  },
};

const statusFor = (outcome: CardOutcome): Charge["status"] =>
  outcome.kind === "succeed" ? "succeeded" : outcome.kind === "processing" ? "pending" : "failed";

/** Sets the fields that follow from a charge's status: used at creation and when a pending charge settles. */
export function applyChargeStatus(charge: Charge, outcome: CardOutcome): void {
  const status = statusFor(outcome);
  const decline = outcome.kind === "decline" ? outcome : undefined;
  Object.assign(charge, {
    status,
    paid: status === "succeeded",
    captured: status === "succeeded",
    amount_captured: status === "succeeded" ? charge.amount : 0,
    failure_code: decline ? "card_declined" : null,
    failure_message: decline?.message ?? null,
    outcome: { ...OUTCOMES[status], reason: decline?.declineCode ?? null },
  });
}

/** Each confirmation attempt makes a Charge, even a declined one, as Stripe does. */
export function createCharge(store: Store, paymentIntent: PaymentIntent, stored: StoredPaymentMethod): Charge {
  const { paymentMethod, outcome } = stored;
  const charge: Charge = {
    id: newId("ch"),
    object: "charge",
    amount: paymentIntent.amount,
    amount_captured: 0,
    amount_refunded: 0,
    balance_transaction: null,
    captured: false,
    created: nowSeconds(),
    currency: paymentIntent.currency,
    description: paymentIntent.description,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: { ...paymentIntent.metadata },
    outcome: { ...OUTCOMES.pending, reason: null },
    paid: false,
    payment_intent: paymentIntent.id,
    payment_method: paymentMethod.id,
    payment_method_details: { type: "card", card: paymentMethod.card },
    receipt_email: paymentIntent.receipt_email,
    refunded: false,
    disputed: false,
    status: "pending",
  };
  applyChargeStatus(charge, outcome);
  store.charges.set(charge.id, charge);
  return charge;
}

export function chargeRoutes(store: Store): ApiRoute[] {
  return [
    defineRoute({
      method: "GET",
      path: "/charges/:id",
      params: z.strictObject({ expand: expand.optional() }),
      handle(_ctx, _params, id) {
        const charge = store.charges.get(id);
        if (!charge) throw resourceMissing("charge", id);
        return charge;
      },
    }),
  ];
}
