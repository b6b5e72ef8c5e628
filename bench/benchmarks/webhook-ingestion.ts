import { randomBytes } from "node:crypto";
import { count } from "drizzle-orm";
import { z } from "zod";
import { stripeEvents } from "../../db/schema";
import { stripeEmulator } from "../lib/stripe";
import type { Benchmark } from "../lib/types";

/** Enough orders that concurrent syncs rarely wait on the same row lock, as with real traffic. */
const purchases = 50;

const processedSchema = z.object({ received: z.literal(true), status: z.literal("synced") });
const ingestedSchema = z.object({ received: z.literal(true) });

/**
 * Stripe deliveries at full speed: every request a new payment_intent.succeeded event (its own id, so
 * never a duplicate) for one of the purchases, signed as Stripe signs it. The product verifies the
 * signature, records the event, and syncs the order under its row lock (re-reading the PaymentIntent
 * from the Stripe emulator, updating the order and the plan) before answering. The baseline's
 * /api/ingest runs only the same INSERT … ON CONFLICT for the same bodies, unsigned.
 */
export const webhookIngestion: Benchmark = {
  name: "webhook-ingestion",
  summary: "POST /api/webhooks/stripe: verify, dedupe, sync, commit (events/s)",
  async setup({ db, stackEnv }) {
    const stripe = stripeEmulator(stackEnv);
    const templates = await stripe.paidPurchases(db, purchases);
    // Shared by both targets, so no id repeats across the checks, the warm-ups and the measurements.
    const run = randomBytes(4).toString("hex");
    let sent = 0;
    const nextEvent = () => {
      sent += 1;
      const template = templates[sent % templates.length] as (typeof templates)[number];
      return JSON.stringify({ ...template, id: `evt_bench_${run}_${sent}` });
    };
    const countRows = async (database: typeof db) =>
      (await database.select({ value: count() }).from(stripeEvents))[0]?.value ?? 0;
    const headers = { "content-type": "application/json" };
    return {
      product: {
        path: "/api/webhooks/stripe",
        method: "POST",
        headers,
        next: () => {
          const body = nextEvent();
          return { body, headers: { "stripe-signature": stripe.sign(body) } };
        },
        verify: (body) => void processedSchema.parse(JSON.parse(body)),
        countRows,
      },
      reference: {
        path: "/api/ingest",
        method: "POST",
        headers,
        next: () => ({ body: nextEvent() }),
        verify: (body) => void ingestedSchema.parse(JSON.parse(body)),
        countRows,
      },
    };
  },
};
