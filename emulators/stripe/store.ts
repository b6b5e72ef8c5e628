import { randomBytes } from "node:crypto";
import type { CardOutcome } from "./test-cards";
import type { Charge, Dispute, PaymentIntent, PaymentMethod, Refund, StripeEvent } from "./types";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Stripe-looking random ids: a prefix and 24 base62 characters. */
export function randomToken(length = 24): string {
  return Array.from(randomBytes(length), (byte) => ALPHABET[byte % ALPHABET.length]).join("");
}

export const newId = (prefix: string) => `${prefix}_${randomToken()}`;

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A PaymentMethod and what the emulator will do when it is charged (never part of the Stripe object). */
export interface StoredPaymentMethod {
  paymentMethod: PaymentMethod;
  outcome: CardOutcome;
}

/** The emulator's whole truth, in memory: a restart starts from empty, like a fresh test-mode account. */
export class Store {
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly charges = new Map<string, Charge>();
  readonly refunds = new Map<string, Refund>();
  readonly disputes = new Map<string, Dispute>();
  readonly paymentMethods = new Map<string, StoredPaymentMethod>();
  readonly events = new Map<string, StripeEvent>();

  clear(): void {
    const maps = [this.paymentIntents, this.charges, this.refunds, this.disputes, this.paymentMethods, this.events];
    for (const map of maps) map.clear();
  }
}
