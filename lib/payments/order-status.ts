import type Stripe from "stripe";
import type { OrderStatus } from "@/db/schema";

/**
 * Our order status as a function of the PaymentIntent alone, so the result never depends on which
 * webhook arrived last: every sync re-reads the intent and lands on the same answer.
 */
export function orderStatusFromIntent(intent: Stripe.PaymentIntent): OrderStatus {
  switch (intent.status) {
    case "succeeded": {
      const charge = typeof intent.latest_charge === "object" ? intent.latest_charge : null;
      const fullyRefunded = charge !== null && (charge.refunded || charge.amount_refunded >= charge.amount);
      return fullyRefunded ? "refunded" : "succeeded";
    }
    case "processing":
      return "processing";
    case "canceled":
      return "canceled";
    case "requires_payment_method":
      // A declined card leaves the intent payable again; the error says the last try failed.
      return intent.last_payment_error ? "failed" : "requires_payment";
    default:
      return "requires_payment";
  }
}
