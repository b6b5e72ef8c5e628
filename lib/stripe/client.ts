import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/env";
import { singleton } from "@/lib/singleton";

/** The API version this code was written against; Stripe keeps it stable whatever the account default. */
export const stripeApiVersion = "2026-10-28.endive";

function endpoint(): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!env.STRIPE_API_URL) return {};
  const url = new URL(env.STRIPE_API_URL);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: Number(url.port || (protocol === "http" ? 80 : 443)), protocol };
}

/** The one Stripe client. Every call goes through callStripe() for the breaker, logs and metrics. */
export const stripe = singleton(
  "stripe",
  () =>
    new Stripe(env.STRIPE_SECRET_KEY, {
      apiVersion: stripeApiVersion,
      timeout: env.STRIPE_TIMEOUT_MS,
      maxNetworkRetries: env.STRIPE_MAX_NETWORK_RETRIES,
      appInfo: { name: "Taskpilot", version: "0.1.0" },
      ...endpoint(),
    }),
);
