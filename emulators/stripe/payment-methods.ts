import { z } from "zod";
import { formInteger } from "./params";
import { newId, nowSeconds, type Store, type StoredPaymentMethod } from "./store";
import { invalidRequest } from "./stripe-errors";
import { resolveCard, resolveTestPaymentMethod, unknownPaymentMethod, type CardInput } from "./test-cards";
import type { CardDetails } from "./types";

/** `payment_method_data` as Stripe.js sends it on confirm: the raw card goes to Stripe, never to the app. */
export const paymentMethodData = z.strictObject({
  type: z.literal("card"),
  card: z.strictObject({
    number: z.string(),
    exp_month: formInteger,
    exp_year: formInteger,
    cvc: z.string().optional(),
  }),
  billing_details: z
    .strictObject({ name: z.string().optional(), email: z.string().optional(), phone: z.string().optional() })
    .optional(),
});
export type PaymentMethodData = z.output<typeof paymentMethodData>;

function save(
  db: Store,
  resolved: { card: CardDetails; outcome: StoredPaymentMethod["outcome"] },
  billing: PaymentMethodData["billing_details"],
) {
  const stored: StoredPaymentMethod = {
    paymentMethod: {
      id: newId("pm"),
      object: "payment_method",
      type: "card",
      card: resolved.card,
      billing_details: {
        name: billing?.name ?? null,
        email: billing?.email ?? null,
        phone: billing?.phone ?? null,
        address: null,
      },
      created: nowSeconds(),
      customer: null,
      livemode: false,
      metadata: {},
    },
    outcome: resolved.outcome,
  };
  db.paymentMethods.set(stored.paymentMethod.id, stored);
  return stored;
}

/**
 * The PaymentMethod a confirmation uses: new card details, a `pm_card_*` test shortcut (which, like on
 * Stripe, makes a fresh pm_ each time), or one made earlier.
 */
export function resolvePaymentMethod(
  db: Store,
  source: { payment_method?: string; payment_method_data?: PaymentMethodData },
): StoredPaymentMethod | undefined {
  if (source.payment_method && source.payment_method_data) {
    throw invalidRequest("You cannot provide both payment_method and payment_method_data.", {
      code: "parameters_exclusive",
      param: "payment_method_data",
    });
  }
  if (source.payment_method_data) {
    const { card, billing_details } = source.payment_method_data;
    return save(db, resolveCard(card satisfies CardInput), billing_details);
  }
  if (!source.payment_method) return undefined;
  const testCard = resolveTestPaymentMethod(source.payment_method);
  if (testCard) return save(db, testCard, undefined);
  const existing = db.paymentMethods.get(source.payment_method);
  if (!existing) throw unknownPaymentMethod(source.payment_method);
  return existing;
}
