import { applyChargeStatus, createCharge } from "./charges";
import { openDispute } from "./disputes";
import type { EventLog } from "./events";
import type { ApiContext } from "./routes";
import type { Store, StoredPaymentMethod } from "./store";
import { nowSeconds } from "./store";
import { cardError, invalidRequest, unexpectedState } from "./stripe-errors";
import type { CardOutcome } from "./test-cards";
import type { Charge, PaymentError, PaymentIntent } from "./types";

/**
 * The PaymentIntent state machine for cards with automatic capture:
 * requires_payment_method -> (confirm) -> succeeded | processing | requires_payment_method (declined),
 * processing -> succeeded | requires_payment_method, and cancel from any state before that.
 */

export interface FlowDeps {
  store: Store;
  events: EventLog;
}

/** How the caller may see a PaymentIntent: Stripe.js (publishable key) gets a reduced view. */
export type View = (paymentIntent: PaymentIntent) => PaymentIntent;

const CONFIRMABLE = ["requires_payment_method", "requires_confirmation"];
const CANCELABLE = ["requires_payment_method", "requires_confirmation"];

function succeed(deps: FlowDeps, paymentIntent: PaymentIntent, charge: Charge, request: ApiContext["request"]) {
  Object.assign(paymentIntent, {
    status: "succeeded",
    amount_received: paymentIntent.amount,
    last_payment_error: null,
  });
  deps.events.emit("charge.succeeded", charge, request);
  deps.events.emit("payment_intent.succeeded", paymentIntent, request);
}

/** A failed attempt sends the PaymentIntent back for a new payment method and detaches the failed one. */
function fail(
  deps: FlowDeps,
  paymentIntent: PaymentIntent,
  charge: Charge,
  stored: StoredPaymentMethod,
  request: ApiContext["request"],
): PaymentError {
  const outcome = stored.outcome as Extract<CardOutcome, { kind: "decline" }>;
  const error: PaymentError = {
    type: "card_error",
    code: "card_declined",
    decline_code: outcome.declineCode,
    message: outcome.message,
    charge: charge.id,
    doc_url: "https://stripe.com/docs/error-codes/card-declined",
    payment_method: stored.paymentMethod,
  };
  Object.assign(paymentIntent, { status: "requires_payment_method", payment_method: null, last_payment_error: error });
  deps.events.emit("charge.failed", charge, request);
  deps.events.emit("payment_intent.payment_failed", paymentIntent, request);
  return error;
}

export function confirm(
  deps: FlowDeps,
  paymentIntent: PaymentIntent,
  stored: StoredPaymentMethod | undefined,
  request: ApiContext["request"],
  view: View,
): PaymentIntent {
  if (!CONFIRMABLE.includes(paymentIntent.status)) {
    const message =
      paymentIntent.status === "succeeded"
        ? "You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed."
        : `You cannot confirm this PaymentIntent because it has a status of ${paymentIntent.status}. ` +
          `Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(", ")}.`;
    throw unexpectedState(message, view(paymentIntent));
  }
  const paymentMethod =
    stored ?? (paymentIntent.payment_method ? deps.store.paymentMethods.get(paymentIntent.payment_method) : undefined);
  if (!paymentMethod) {
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method. " +
        "Update the PaymentIntent with a payment method and then confirm it again.",
      {
        code: "payment_intent_unexpected_state",
        param: "payment_method",
      },
    );
  }
  const charge = createCharge(deps.store, paymentIntent, paymentMethod);
  Object.assign(paymentIntent, { payment_method: paymentMethod.paymentMethod.id, latest_charge: charge.id });
  switch (paymentMethod.outcome.kind) {
    case "succeed":
      succeed(deps, paymentIntent, charge, request);
      // The bank's dispute is its own doing, not part of the confirmation request.
      if (paymentMethod.outcome.dispute) openDispute(deps, charge, paymentMethod.outcome.dispute);
      break;
    case "processing":
      paymentIntent.status = "processing";
      deps.events.emit("charge.pending", charge, request);
      deps.events.emit("payment_intent.processing", paymentIntent, request);
      break;
    case "decline":
      throw cardError(fail(deps, paymentIntent, charge, paymentMethod, request), view(paymentIntent));
  }
  return paymentIntent;
}

/** Ends a `processing` payment, as the bank's late answer would (only reachable through the test API). */
export function settle(
  deps: FlowDeps,
  paymentIntent: PaymentIntent,
  result: "succeeded" | "failed",
  request: ApiContext["request"],
): PaymentIntent {
  const charge = paymentIntent.latest_charge ? deps.store.charges.get(paymentIntent.latest_charge) : undefined;
  const stored = paymentIntent.payment_method ? deps.store.paymentMethods.get(paymentIntent.payment_method) : undefined;
  if (paymentIntent.status !== "processing" || !charge || !stored) {
    throw unexpectedState(
      `Only a processing PaymentIntent can be settled; this one is ${paymentIntent.status}.`,
      paymentIntent,
    );
  }
  if (result === "succeeded") {
    applyChargeStatus(charge, { kind: "succeed" });
    succeed(deps, paymentIntent, charge, request);
  } else {
    const outcome: CardOutcome = {
      kind: "decline",
      declineCode: "generic_decline",
      message: "Your card was declined.",
    };
    applyChargeStatus(charge, outcome);
    fail(deps, paymentIntent, charge, { ...stored, outcome }, request);
  }
  return paymentIntent;
}

export function cancel(
  deps: FlowDeps,
  paymentIntent: PaymentIntent,
  reason: string | undefined,
  request: ApiContext["request"],
  view: View,
): PaymentIntent {
  if (!CANCELABLE.includes(paymentIntent.status)) {
    throw unexpectedState(
      `You cannot cancel this PaymentIntent because it has a status of ${paymentIntent.status}. ` +
        `Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(", ")}.`,
      view(paymentIntent),
    );
  }
  Object.assign(paymentIntent, { status: "canceled", canceled_at: nowSeconds(), cancellation_reason: reason ?? null });
  deps.events.emit("payment_intent.canceled", paymentIntent, request);
  return paymentIntent;
}
