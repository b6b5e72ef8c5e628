import { readToolEnv } from "../../scripts/lib/tool-env";

/** The e2e stack's Stripe emulator (scripts/lib/emulators.ts: app port + 20). */
const stripeTestApi = `http://127.0.0.1:${readToolEnv().E2E_PORT + 20}/__test`;

/** A refund made from the Dashboard: the emulator delivers charge.refunded to the app's webhook. */
export async function refundFromDashboard(paymentIntentId: string): Promise<void> {
  const response = await fetch(`${stripeTestApi}/refunds`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ paymentIntent: paymentIntentId }),
  });
  if (!response.ok) throw new Error(`stripe emulator refund: ${response.status} ${await response.text()}`);
}
