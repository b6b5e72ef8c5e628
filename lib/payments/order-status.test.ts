import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { orderStatusFromIntent } from "./order-status";

function intent(status: Stripe.PaymentIntent.Status, extra: Partial<Stripe.PaymentIntent> = {}): Stripe.PaymentIntent {
  return {
    id: "pi_1",
    object: "payment_intent",
    status,
    amount: 49_900,
    latest_charge: null,
    last_payment_error: null,
    ...extra,
  } as Stripe.PaymentIntent;
}
const charge = (amountRefunded: number, refunded = false) =>
  ({ id: "ch_1", object: "charge", amount: 49_900, amount_refunded: amountRefunded, refunded }) as Stripe.Charge;

describe("orderStatusFromIntent", () => {
  it.each([
    [intent("succeeded", { latest_charge: charge(0) }), "succeeded"],
    [intent("succeeded", { latest_charge: charge(49_900, true) }), "refunded"],
    [intent("succeeded", { latest_charge: charge(10_000) }), "succeeded"],
    [intent("succeeded", { latest_charge: "ch_1" }), "succeeded"],
    [intent("processing"), "processing"],
    [intent("canceled"), "canceled"],
    [intent("requires_payment_method"), "requires_payment"],
    [
      intent("requires_payment_method", {
        last_payment_error: { type: "card_error", code: "card_declined" } as Stripe.PaymentIntent.LastPaymentError,
      }),
      "failed",
    ],
    [intent("requires_confirmation"), "requires_payment"],
    [intent("requires_action"), "requires_payment"],
  ] as const)("%#: maps %s", (paymentIntent, expected) => {
    expect(orderStatusFromIntent(paymentIntent)).toBe(expected);
  });
});
