import { randomBytes, randomUUID } from "node:crypto";
import Stripe from "stripe";
import { z } from "zod";
import type { Database } from "../../db/connect";
import { orders, users } from "../../db/schema";
import type { StackEnv } from "./apps";

/** A Stripe event as the emulator recorded it; the fields not named here are kept as they are. */
const eventSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    data: z.object({ object: z.object({ id: z.string() }).loose() }).loose(),
  })
  .loose();
const eventsSchema = z.object({ data: z.array(eventSchema) });

export type StripeEvent = z.infer<typeof eventSchema>;

/** The product's default price (lib/env); the sync only compares statuses, so any positive amount would do. */
const price = { amount: 49_900, currency: "inr" };

/** A Stripe SDK client on the stack's Stripe emulator, and its test API (emulators/stripe/README.md). */
export function stripeEmulator(stackEnv: StackEnv) {
  const api = new URL(stackEnv.STRIPE_API_URL);
  const stripe = new Stripe(stackEnv.STRIPE_SECRET_KEY, {
    host: api.hostname,
    port: Number(api.port),
    protocol: "http",
    maxNetworkRetries: 0,
  });

  async function testApi(path: string, body?: unknown, method = body === undefined ? "GET" : "POST"): Promise<unknown> {
    const response = await fetch(new URL(`/__test${path}`, api), {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`stripe emulator ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  }

  /**
   * An order for `userId` and a PaymentIntent for it paid with a test card, as the product's checkout
   * leaves them before any webhook arrives; answers the PaymentIntent's id.
   */
  async function pay(db: Database, userId: string, orderId: string = randomUUID()): Promise<string> {
    const intent = await stripe.paymentIntents.create({
      ...price,
      automatic_payment_methods: { enabled: true },
      metadata: { order_id: orderId, user_id: userId },
    });
    await db.insert(orders).values({ id: orderId, userId, stripePaymentIntentId: intent.id, ...price });
    // Raw card numbers are test-mode only; the SDK's types do not list them, the emulator accepts them.
    const card = { number: "4242424242424242", exp_month: 12, exp_year: 2034, cvc: "123" };
    await stripe.paymentIntents.confirm(intent.id, { payment_method_data: { type: "card", card } } as never);
    return intent.id;
  }

  /** The emulator's own deliveries wait, so the bench alone decides which events the app sees. */
  const holdWebhooks = () => testApi("/webhooks/hold", {});

  return {
    pay,

    /** The emulator's recorded events about one PaymentIntent, of one type. */
    async eventsFor(paymentIntentId: string, type: string): Promise<StripeEvent[]> {
      const { data } = eventsSchema.parse(await testApi(`/events?type=${type}`));
      return data.filter((event) => event.data.object.id === paymentIntentId);
    },

    /** Fault injection (emulators/stripe/README.md): `{ latencyMs }` slows every API answer. */
    holdWebhooks,
    setFaults: (faults: { latencyMs?: number }) => testApi("/faults", faults),
    clearFaults: () => testApi("/faults", undefined, "DELETE"),

    /**
     * `count` customers who each bought Pro: a user row, an open order, and a PaymentIntent paid with a
     * test card whose metadata points at that order, as the product's checkout leaves them. The
     * emulator's own deliveries are held first: they would sync the orders during setup (on PGlite,
     * concurrently with it), and the measurement sends the succeeded events itself. Answers the
     * emulator's payment_intent.succeeded event of each purchase.
     */
    async paidPurchases(db: Database, count: number): Promise<StripeEvent[]> {
      await holdWebhooks();
      const tag = randomBytes(4).toString("hex");
      const buyers = Array.from({ length: count }, (_, index) => ({
        id: `user_bench_buyer_${tag}_${index}`,
        orderId: randomUUID(),
      }));
      await db.insert(users).values(buyers.map((buyer) => ({ id: buyer.id, name: "Bench Buyer" })));
      const intentIds = new Set<string>();
      for (const buyer of buyers) intentIds.add(await pay(db, buyer.id, buyer.orderId));
      const { data } = eventsSchema.parse(await testApi("/events?type=payment_intent.succeeded"));
      const events = data.filter((event) => intentIds.has(event.data.object.id));
      if (events.length !== count)
        throw new Error(
          `the Stripe emulator recorded ${events.length} payment_intent.succeeded events for ${count} purchases`,
        );
      return events;
    },

    /** A Stripe-Signature header for `payload`, as Stripe computes it (the SDK's test helper). */
    sign(payload: string): string {
      return stripe.webhooks.generateTestHeaderString({ payload, secret: stackEnv.STRIPE_WEBHOOK_SECRET });
    },
  };
}
