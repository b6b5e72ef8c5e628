import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { orders, users } from "../../db/schema";
import { clerkTestApi } from "../lib/clerk";
import { stripeEmulator } from "../lib/stripe";
import type { Scenario } from "../lib/types";

const stripeLatencyMs = 4_000;
const billingReloads = 40;
const webhookBurst = 50;
/** Every one of the bystander's requests must answer 200 within this. */
const bystanderBudgetMs = 1_000;

interface Answer {
  status: number;
  ms: number;
}

async function timedFetch(url: string, init: RequestInit): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, redirect: "manual" });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN;
}

function summarize(answers: Answer[]) {
  const ms = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
  const round = (value: number) => Math.round(value);
  return {
    count: answers.length,
    p50: round(percentile(ms, 0.5)),
    p99: round(percentile(ms, 0.99)),
    max: round(ms.at(-1) ?? Number.NaN),
    statuses,
  };
}

const describe = (name: string, figures: ReturnType<typeof summarize>) =>
  `${name}: ${figures.count} requests, p50 ${figures.p50} ms, p99 ${figures.p99} ms, worst ${figures.max} ms, ` +
  `statuses ${JSON.stringify(figures.statuses)}`;

/**
 * Stripe answers every call 4 s late. One customer reloads the billing return 40 times at once while a
 * burst of 50 signed webhooks for the same payment arrives; meanwhile another customer (the bench user)
 * loads /tasks again and again. The bystander must not notice, no webhook may fail for want of a
 * database connection, and once Stripe is back the order must match Stripe.
 */
export const paymentsChaos: Scenario = {
  name: "payments-chaos",
  summary:
    `a ${stripeLatencyMs / 1000} s Stripe: ${billingReloads} billing returns, ${webhookBurst} webhooks, ` +
    "a bystander on /tasks",
  async setup({ db, signedIn, origin, stackEnv }) {
    const stripe = stripeEmulator(stackEnv);
    const clerk = clerkTestApi(Number(new URL(origin).port));
    const tag = randomBytes(4).toString("hex");
    const payer = await clerk.createUser({ email: `payer.${tag}@example.test`, firstName: "Chaos", lastName: "Payer" });
    const payerSession = await clerk.sessionCookie(payer, 3_600);
    await stripe.holdWebhooks();
    const paymentIntentId = await stripe.pay(db, payer);
    const [succeeded] = await stripe.eventsFor(paymentIntentId, "payment_intent.succeeded");
    if (!succeeded) throw new Error(`no payment_intent.succeeded event for ${paymentIntentId}`);

    return {
      async run(connect) {
        const billing = () =>
          timedFetch(`${origin}/billing?payment_intent=${paymentIntentId}`, {
            headers: { cookie: payerSession.cookie },
          });
        const webhook = (index: number) => {
          const body = JSON.stringify({ ...succeeded, id: `evt_chaos_${tag}_${index}` });
          return timedFetch(`${origin}/api/webhooks/stripe`, {
            method: "POST",
            headers: { "content-type": "application/json", "stripe-signature": stripe.sign(body) },
            body,
          });
        };

        await stripe.setFaults({ latencyMs: stripeLatencyMs });
        const bystander: Answer[] = [];
        let billingAnswers: Answer[] = [];
        let webhookAnswers: Answer[] = [];
        try {
          let over = false;
          const chaos = Promise.all([
            Promise.all(Array.from({ length: billingReloads }, billing)),
            Promise.all(Array.from({ length: webhookBurst }, (_, index) => webhook(index))),
          ]).finally(() => {
            over = true;
          });
          while (!over) bystander.push(await timedFetch(`${origin}/tasks`, { headers: signedIn }));
          [billingAnswers, webhookAnswers] = await chaos;
        } finally {
          await stripe.clearFaults();
        }

        // Anything still in flight when the fault cleared finishes on its own; give it a moment.
        const { db: check, close } = connect();
        let outcome: { orderStatus?: string; plan?: string } = {};
        try {
          for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
            const [order] = await check.select().from(orders).where(eq(orders.stripePaymentIntentId, paymentIntentId));
            const [user] = await check.select().from(users).where(eq(users.id, payer));
            outcome = { orderStatus: order?.status, plan: user?.plan };
            if (outcome.orderStatus === "succeeded" && outcome.plan === "pro") break;
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
        } finally {
          await close();
        }
        const { orderStatus, plan } = outcome;

        const figures = {
          stripeLatencyMs,
          bystander: summarize(bystander),
          billing: summarize(billingAnswers),
          webhooks: summarize(webhookAnswers),
          converged: outcome,
        };
        return {
          figures,
          lines: [
            describe("bystander GET /tasks", figures.bystander),
            describe(`payer GET /billing?payment_intent (×${billingReloads})`, figures.billing),
            describe(`POST /api/webhooks/stripe (×${webhookBurst})`, figures.webhooks),
            `after the fault: order ${orderStatus}, plan ${plan} (Stripe: succeeded, so pro)`,
          ],
          goals: [
            {
              label: `every bystander request answers 200 within ${bystanderBudgetMs} ms`,
              pass:
                bystander.length > 0 &&
                bystander.every((answer) => answer.status === 200 && answer.ms < bystanderBudgetMs),
            },
            { label: "no webhook answers 500", pass: webhookAnswers.every((answer) => answer.status !== 500) },
            { label: "the order converges on Stripe's state", pass: orderStatus === "succeeded" && plan === "pro" },
          ],
        };
      },
    };
  },
};
