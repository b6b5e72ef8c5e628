import type { Page } from "@playwright/test";
import type Stripe from "stripe";
import { readToolEnv } from "../../scripts/lib/tool-env";

/** The e2e stack's Stripe emulator (scripts/lib/emulators.ts: app port + 20). */
const stripeTestApi = `http://127.0.0.1:${readToolEnv().E2E_PORT + 20}/__test`;

/** POSTs JSON to the emulator's test API and returns its answer. */
async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${stripeTestApi}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`stripe emulator POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A refund made from the Dashboard: the emulator delivers charge.refunded to the app's webhook. */
export async function refundFromDashboard(paymentIntentId: string): Promise<void> {
  await post("/refunds", { paymentIntent: paymentIntentId });
}

/** The bank disputes the payment's charge: the emulator delivers charge.dispute.created to the app's webhook. */
export function openDispute(paymentIntentId: string, reason?: Stripe.Dispute["reason"]): Promise<Stripe.Dispute> {
  return post("/disputes", { paymentIntent: paymentIntentId, reason });
}

/** The bank decides an open dispute: the emulator delivers charge.dispute.closed to the app's webhook. */
export function closeDispute(disputeId: string, outcome: "won" | "lost"): Promise<Stripe.Dispute> {
  return post(`/disputes/${disputeId}/close`, { outcome });
}

/** On /billing: Buy Pro → the Payment Element → pay with `card`. */
export async function payWithCard(page: Page, card: string) {
  await page.getByRole("button", { name: /Buy Pro for ₹499\.00/ }).click();
  await page.getByLabel("Card number").fill(card);
  await page.getByLabel(/Expiration/).fill("12 / 34");
  await page.getByLabel(/Security code/).fill("123");
  await page.getByRole("button", { name: "Pay ₹499.00" }).click();
}
