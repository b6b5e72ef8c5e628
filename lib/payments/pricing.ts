import "server-only";
import { env } from "@/lib/env";

export interface Price {
  /** Minor units (paise, cents). */
  amount: number;
  currency: string;
  /** For people: "₹499.00". */
  label: string;
}

/** The Pro price: set on the server only, so the browser can neither see nor change what is charged. */
export function proPrice(): Price {
  return {
    amount: env.PRO_PRICE_AMOUNT,
    currency: env.PRO_PRICE_CURRENCY,
    label: formatMoney(env.PRO_PRICE_AMOUNT, env.PRO_PRICE_CURRENCY),
  };
}

export function formatMoney(amount: number, currency: string): string {
  const format = new Intl.NumberFormat("en-IN", { style: "currency", currency: currency.toUpperCase() });
  const fractionDigits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** fractionDigits);
}
