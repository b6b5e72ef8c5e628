import { inject } from "vitest";
import Stripe from "stripe";
import { env } from "@/lib/env";

const base = () => inject("stripeEmulatorUrl");

/** A Stripe SDK client on the emulator, for setting up state the way a customer's browser would. */
export const stripeAdmin = new Stripe(env.STRIPE_SECRET_KEY, {
  host: "127.0.0.1",
  port: Number(new URL(inject("stripeEmulatorUrl")).port),
  protocol: "http",
  maxNetworkRetries: 0,
});

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base()}/__test${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`stripe emulator ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

export async function stripeEvents(type?: string): Promise<Stripe.Event[]> {
  const { data } = await call<{ data: Stripe.Event[] }>("GET", `/events${type ? `?type=${type}` : ""}`);
  return data;
}

export async function eventsFor(paymentIntentId: string): Promise<Stripe.Event[]> {
  return (await stripeEvents()).filter((event) => {
    const object = event.data.object as { id?: string; payment_intent?: string };
    return object.id === paymentIntentId || object.payment_intent === paymentIntentId;
  });
}

/** The emulator's truth: every PaymentIntent in its full, secret-key view. */
export async function emulatorPaymentIntents(): Promise<Stripe.PaymentIntent[]> {
  const { data } = await call<{ data: Stripe.PaymentIntent[] }>("GET", "/payment_intents");
  return data;
}

export const setFaults = (faults: Record<string, unknown>) => call("POST", "/faults", faults);
export const clearFaults = () => call("DELETE", "/faults");
export const settle = (paymentIntentId: string, result: "succeeded" | "failed") =>
  call("POST", `/payment_intents/${paymentIntentId}/settle`, { result });
export const dashboardRefund = (paymentIntentId: string) =>
  call("POST", "/refunds", { paymentIntent: paymentIntentId });

/** The bank disputes the payment's charge: `charge.dispute.created` goes to the app's webhook. */
export const openDispute = (paymentIntentId: string, reason?: Stripe.Dispute["reason"]) =>
  call<Stripe.Dispute>("POST", "/disputes", { paymentIntent: paymentIntentId, reason });
/** The bank decides an open dispute: `charge.dispute.closed` goes to the app's webhook. */
export const closeDispute = (disputeId: string, outcome: "won" | "lost") =>
  call<Stripe.Dispute>("POST", `/disputes/${disputeId}/close`, { outcome });

/** A webhook request exactly as Stripe would send it: raw JSON body and a Stripe-Signature header. */
export function signedDelivery(
  event: Stripe.Event | string,
  options: { secret?: string; timestamp?: number } = {},
): Request {
  const payload = typeof event === "string" ? event : JSON.stringify(event);
  const signature = stripeAdmin.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? env.STRIPE_WEBHOOK_SECRET,
    timestamp: options.timestamp,
  });
  return new Request("http://localhost:3999/api/webhooks/stripe", {
    method: "POST",
    body: payload,
    headers: { "stripe-signature": signature, "content-type": "application/json" },
  });
}
