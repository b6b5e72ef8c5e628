import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { orders, users } from "@/db/schema";
import { attachPaymentIntent, findOrCreateUnfinishedOrder } from "@/lib/payments/orders";
import { env } from "@/lib/env";
import { orderStatusFromIntent } from "@/lib/payments/order-status";
import { dashboardRefund, eventsFor, settle, signedDelivery, stripeAdmin } from "@/tests/support/stripe-emulator";

const root = path.resolve(import.meta.dirname, "../..");
const instances: { process: ChildProcess; url: string }[] = [];

async function startInstance() {
  const child = fork(path.join(root, "tests/support/webhook-instance.ts"), {
    execArgv: ["--import", "./tests/support/app-modules-hook.mjs", "--import", "tsx"],
    cwd: root,
    env: process.env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`webhook instance exited with ${code}`)));
  });
  instances.push({ process: child, url: `http://127.0.0.1:${port}/api/webhooks/stripe` });
}

type Journey = "succeed" | "decline" | "cancel" | "refund" | "process_then_succeed" | "process_then_fail";
const journeys: Journey[] = ["succeed", "decline", "cancel", "refund", "process_then_succeed", "process_then_fail"];
const cards = { succeed: "4242424242424242", decline: "4000000000000002", processing: "4000000000008088" };

/** Drives one purchase through the emulator the way customers and the Dashboard would. */
async function runJourney(userId: string, journey: Journey): Promise<string> {
  const order = await findOrCreateUnfinishedOrder(db, userId, {
    amount: env.PRO_PRICE_AMOUNT,
    currency: env.PRO_PRICE_CURRENCY,
  });
  const intent = await stripeAdmin.paymentIntents.create({
    amount: order.amount,
    currency: order.currency,
    automatic_payment_methods: { enabled: true },
    metadata: { order_id: order.id, user_id: userId },
  });
  await attachPaymentIntent(db, userId, order.id, intent.id);
  const confirm = (number: string) =>
    stripeAdmin.paymentIntents
      .confirm(intent.id, {
        payment_method_data: { type: "card", card: { number, exp_month: 12, exp_year: 2034, cvc: "123" } },
      } as never)
      .catch(() => undefined);
  if (journey === "cancel") await stripeAdmin.paymentIntents.cancel(intent.id);
  else if (journey === "decline") await confirm(cards.decline);
  else if (journey.startsWith("process_then")) {
    await confirm(cards.processing);
    await settle(intent.id, journey === "process_then_succeed" ? "succeeded" : "failed");
  } else await confirm(cards.succeed);
  if (journey === "refund") await dashboardRefund(intent.id);
  return intent.id;
}

// Two app instances on one database need a real server: embedded PGlite serves one connection at a time.
describe.runIf(inject("databaseKind") === "postgresql")("webhook processing converges on Stripe's truth", () => {
  beforeAll(async () => {
    await Promise.all([startInstance(), startInstance()]);
  }, 60_000);
  afterAll(() => instances.forEach((instance) => instance.process.disconnect()));

  it("1,000 deliveries with duplicates and reordering across two instances end in the emulator's state", async () => {
    const people = Array.from({ length: 24 }, (_, index) => ({
      id: `user_conv_${randomUUID().replaceAll("-", "")}`,
      journey: journeys[index % journeys.length] as Journey,
    }));
    await db.insert(users).values(people.map((person) => ({ id: person.id })));
    const intentIds = [];
    for (const person of people) intentIds.push(await runJourney(person.id, person.journey));
    const events = (await Promise.all(intentIds.map((id) => eventsFor(id)))).flat();

    // 1,000 deliveries drawn from the real events (so every event comes several times), shuffled.
    const deliveries = fc.sample(fc.constantFrom(...events), { numRuns: 1_000, seed: 20261125 });
    for (const event of events) deliveries.push(event);
    const order = fc.sample(fc.nat(), { numRuns: deliveries.length, seed: 7 });
    const shuffled = deliveries
      .map((event, index) => ({ event, key: order[index] as number }))
      .sort((a, b) => a.key - b.key);

    const statuses: number[] = [];
    for (let start = 0; start < shuffled.length; start += 16) {
      const batch = shuffled.slice(start, start + 16);
      statuses.push(
        ...(await Promise.all(
          batch.map(async ({ event }, index) => {
            const request = signedDelivery(event);
            const instance = instances[(start + index) % instances.length] as (typeof instances)[number];
            const response = await fetch(instance.url, {
              method: "POST",
              headers: request.headers,
              body: await request.text(),
            });
            return response.status;
          }),
        )),
      );
    }
    expect(statuses.every((status) => status === 200)).toBe(true);

    const truth = await Promise.all(
      intentIds.map((id) => stripeAdmin.paymentIntents.retrieve(id, { expand: ["latest_charge"] })),
    );
    const stored = await db.select().from(orders).where(inArray(orders.stripePaymentIntentId, intentIds));
    for (const intent of truth) {
      expect(stored.find((row) => row.stripePaymentIntentId === intent.id)?.status, intent.id).toBe(
        orderStatusFromIntent(intent),
      );
    }
    for (const person of people) {
      const paid = truth.some(
        (intent) => intent.metadata.user_id === person.id && orderStatusFromIntent(intent) === "succeeded",
      );
      const [row] = await db.select({ plan: users.plan }).from(users).where(eq(users.id, person.id));
      expect(row?.plan, `${person.id} (${person.journey})`).toBe(paid ? "pro" : "free");
    }
  }, 180_000);
});
