import { cardError, invalidRequest } from "./stripe-errors";
import type { CardDetails } from "./types";

/**
 * Stripe's documented test cards (and their `pm_card_*` shortcuts) decide each confirmation's outcome.
 * 4000 0000 0000 8088 is the emulator's own: Stripe has no card that stays `processing`, but the app must
 * handle that state, so this card leaves the payment processing until the test API settles it.
 */

export type CardOutcome =
  /** `dispute`: the charge succeeds, then the cardholder's bank disputes it with this reason. */
  | { kind: "succeed"; dispute?: "fraudulent" }
  | { kind: "processing" }
  | { kind: "decline"; declineCode: "generic_decline" | "insufficient_funds"; message: string };

const PROCESSING_CARD = "4000000000008088";

const OUTCOMES: Record<string, CardOutcome> = {
  "4242424242424242": { kind: "succeed" },
  "4000000000000259": { kind: "succeed", dispute: "fraudulent" },
  "4000000000000002": { kind: "decline", declineCode: "generic_decline", message: "Your card was declined." },
  "4000000000009995": {
    kind: "decline",
    declineCode: "insufficient_funds",
    message: "Your card has insufficient funds.",
  },
  [PROCESSING_CARD]: { kind: "processing" },
};

const TEST_PAYMENT_METHODS: Record<string, string> = {
  pm_card_visa: "4242424242424242",
  pm_card_chargeDeclined: "4000000000000002",
  pm_card_chargeDeclinedInsufficientFunds: "4000000000009995",
  pm_card_createDispute: "4000000000000259",
};

export interface CardInput {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc?: string;
}

const docUrl = (code: string) => `https://stripe.com/docs/error-codes/${code.replaceAll("_", "-")}`;

function rejectCard(code: string, message: string, param: string) {
  return cardError({ type: "card_error", code, message, doc_url: docUrl(code) }, undefined, param);
}

/** Checks a raw card like Stripe does when it creates the PaymentMethod, before any charge is attempted. */
export function resolveCard(input: CardInput, now = new Date()): { card: CardDetails; outcome: CardOutcome } {
  const number = input.number.replace(/[\s-]/g, "");
  const outcome = OUTCOMES[number];
  if (!outcome) throw rejectCard("incorrect_number", "Your card number is incorrect.", "number");
  if (input.exp_month < 1 || input.exp_month > 12) {
    throw rejectCard("invalid_expiry_month", "Your card's expiration month is invalid.", "exp_month");
  }
  const year = input.exp_year < 100 ? 2000 + input.exp_year : input.exp_year;
  const expired =
    year < now.getUTCFullYear() || (year === now.getUTCFullYear() && input.exp_month < now.getUTCMonth() + 1);
  if (expired) throw rejectCard("invalid_expiry_year", "Your card's expiration year is invalid.", "exp_year");
  if (input.cvc !== undefined && !/^\d{3,4}$/.test(input.cvc)) {
    throw rejectCard("invalid_cvc", "Your card's security code is invalid.", "cvc");
  }
  const card: CardDetails = {
    brand: "visa",
    last4: number.slice(-4),
    exp_month: input.exp_month,
    exp_year: year,
    funding: "credit",
    country: "US",
  };
  return { card, outcome };
}

/** `pm_card_visa` and friends: Stripe's shortcuts for server-side tests. */
export function resolveTestPaymentMethod(id: string): { card: CardDetails; outcome: CardOutcome } | undefined {
  const number = TEST_PAYMENT_METHODS[id];
  if (!number) return undefined;
  const nextYear = new Date().getUTCFullYear() + 1;
  return resolveCard({ number, exp_month: 12, exp_year: nextYear });
}

export function unknownPaymentMethod(id: string) {
  return invalidRequest(`No such PaymentMethod: '${id}'`, {
    code: "resource_missing",
    param: "payment_method",
    status: 404,
  });
}
