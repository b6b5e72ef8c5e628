import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
// next/server declares NextFetchEvent but exports it only as a type; Next.js builds it from here.
import { NextFetchEvent } from "next/dist/server/web/spec-extension/fetch-event";
import { NextRequest } from "next/server";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it, vi } from "vitest";
import { sendTestErrorAction } from "@/app/(app)/status/actions";
import { createTaskAction, toggleTaskAction } from "@/app/(app)/tasks/actions";
import { POST as createIntent } from "@/app/api/payments/intent/route";
import { POST as clerkWebhook } from "@/app/api/webhooks/clerk/route";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { orders, tasks, users } from "@/db/schema";
import { db } from "@/lib/db";
import { metrics } from "@/lib/observability/metrics";
import { syncReturnedPayment } from "@/lib/payments/billing-return";
import { startProUpgrade } from "@/lib/payments/upgrade";
import { initialTaskFormState, type TaskFormState } from "@/lib/tasks/form-state";
import proxy from "@/proxy";
import { session } from "@/tests/support/clerk-session";
import { tasksChecksum } from "@/tests/support/tasks-checksum";

/*
 * The abuse limits, end to end on the real limiter and the real counters table, with this file's own
 * low limits and a short window. Only who is signed in (Clerk's auth()) and the incoming request's
 * headers (which need a running Next.js server) are supplied by the test.
 */
const limitWindow = vi.hoisted(() => {
  const limits = {
    RATE_LIMIT_WINDOW_SECONDS: "3",
    RATE_LIMIT_TASK_WRITES_PER_USER: "3",
    RATE_LIMIT_TASK_WRITES_PER_IP: "5",
    RATE_LIMIT_PAYMENT_INTENT_PER_USER: "2",
    RATE_LIMIT_PAYMENT_INTENT_PER_IP: "4",
    RATE_LIMIT_BILLING_SYNC_PER_USER: "2",
    RATE_LIMIT_TEST_ERROR_PER_USER: "2",
    RATE_LIMIT_WEBHOOKS_PER_IP: "3",
    RATE_LIMIT_SIGN_IN_PER_IP: "3",
  };
  for (const [name, value] of Object.entries(limits)) vi.stubEnv(name, value);
  return { seconds: 3 };
});
afterAll(() => vi.unstubAllEnvs());

vi.mock("@clerk/nextjs/server", () => import("@/tests/support/clerk-session").then((m) => m.clerkServer()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const incoming = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => incoming.headers }));

const appOrigin = "http://localhost:3999";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Past the end of the current window, wherever in it the first request fell. */
const windowEnd = () => sleep(limitWindow.seconds * 1_000 + 300);

let addressCounter = 0;
/** A documentation address (RFC 5737) of its own for each test, so tests never share a counter. */
const newAddress = () => `203.0.113.${++addressCounter}`;

async function signIn(ip: string) {
  const userId = `user_rl_${randomUUID().replaceAll("-", "")}`;
  await db.insert(users).values({ id: userId });
  session.userId = userId;
  incoming.headers = new Headers({ "x-forwarded-for": ip });
  return userId;
}

function taskForm(title: string): FormData {
  const form = new FormData();
  form.set("title", title);
  form.set("priority", "medium");
  return form;
}
const addTask = (title: string): Promise<TaskFormState> => createTaskAction(initialTaskFormState, taskForm(title));

const intentRequest = (ip: string) =>
  new Request(`${appOrigin}/api/payments/intent`, {
    method: "POST",
    headers: { origin: appOrigin, "x-forwarded-for": ip },
  });

const unsignedWebhook = (path: string, ip: string) =>
  new Request(`${appOrigin}${path}`, {
    method: "POST",
    body: JSON.stringify({ type: "payment_intent.succeeded" }),
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
  });

function throughProxy(path: string, ip: string, method = "GET"): Promise<Response> {
  const request = new NextRequest(`${appOrigin}${path}`, { method, headers: { "x-forwarded-for": ip } });
  return proxy(request, new NextFetchEvent({ request, page: path, context: undefined }));
}

async function securityEvents(route: string): Promise<number> {
  const { values } = await metrics.securityEvents.get();
  return values
    .filter((value) => value.labels.reason === "rate_limited" && value.labels.route === route)
    .reduce((sum, value) => sum + value.value, 0);
}

async function stripeRetrieves(): Promise<number> {
  const { values } = await metrics.externalCallDuration.get();
  return values
    .filter((value) => value.metricName?.endsWith("_count") && value.labels.operation === "payment_intents.retrieve")
    .reduce((sum, value) => sum + value.value, 0);
}

describe("abuse limits", () => {
  it("task writes: over the limit the form says so and nothing is written; the next window lets them in", async () => {
    const userId = await signIn(newAddress());
    const refusalsBefore = await securityEvents("action:createTask");
    for (const title of ["one", "two", "three"]) expect(await addTask(title)).toMatchObject({ status: "saved" });

    const before = await tasksChecksum([userId]);
    const refused = await addTask("four");
    expect(refused).toMatchObject({ status: "error", error: "rate_limited", values: { title: "four" } });
    expect(refused.message).toMatch(/wait a minute and try again/);
    // Every task action writes, so they share the one budget.
    const [first] = await db.select({ id: tasks.id }).from(tasks).where(eq(tasks.userId, userId)).limit(1);
    expect(await toggleTaskAction(first?.id as string, true)).toMatchObject({ ok: false, error: "rate_limited" });
    expect(await tasksChecksum([userId])).toEqual(before);
    expect(await securityEvents("action:createTask")).toBe(refusalsBefore + 1);

    await windowEnd();
    expect(await addTask("four, later")).toMatchObject({ status: "saved" });
    expect((await tasksChecksum([userId])).count).toBe(4);
  });

  it("task writes: people behind one address share its limit; another address is unaffected", async () => {
    const shared = newAddress();
    await signIn(shared);
    for (const title of ["a", "b", "c"]) expect(await addTask(title)).toMatchObject({ status: "saved" });
    const neighbour = await signIn(shared);
    for (const title of ["d", "e"]) expect(await addTask(title)).toMatchObject({ status: "saved" });
    expect(await addTask("f")).toMatchObject({ status: "error", error: "rate_limited" });
    expect((await tasksChecksum([neighbour])).count).toBe(2);

    await signIn(newAddress());
    expect(await addTask("elsewhere")).toMatchObject({ status: "saved" });
  });

  it("POST /api/payments/intent: 429 with Retry-After at the threshold, no order; served again later", async () => {
    const ip = newAddress();
    const userId = await signIn(ip);
    for (let call = 0; call < 2; call++) expect((await createIntent(intentRequest(ip))).status).toBe(200);

    const refused = await createIntent(intentRequest(ip));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(limitWindow.seconds);
    expect(await refused.json()).toEqual({
      error: "rate_limited",
      message: expect.stringMatching(/wait a minute/),
    });
    expect(await db.select({ id: orders.id }).from(orders).where(eq(orders.userId, userId))).toHaveLength(1);

    await sleep(retryAfter * 1_000 + 300);
    expect((await createIntent(intentRequest(ip))).status).toBe(200);
  });

  it("POST /api/payments/intent: a second account from the same address hits the per-IP limit", async () => {
    const ip = newAddress();
    await signIn(ip);
    for (let call = 0; call < 2; call++) expect((await createIntent(intentRequest(ip))).status).toBe(200);
    await signIn(ip);
    for (let call = 0; call < 2; call++) expect((await createIntent(intentRequest(ip))).status).toBe(200);
    expect((await createIntent(intentRequest(ip))).status).toBe(429);
  });

  it("the test-error action answers with a refusal instead of failing once over its limit", async () => {
    await signIn(newAddress());
    session.publicMetadata = { role: "operator" };
    for (let call = 0; call < 2; call++) await expect(sendTestErrorAction()).rejects.toThrow(/Taskpilot test error/);
    expect(await sendTestErrorAction()).toEqual({ error: "rate_limited", message: expect.stringMatching(/wait/) });
  });

  it("the billing return stops reading Stripe over its limit and shows the payment as being confirmed", async () => {
    const ip = newAddress();
    const userId = await signIn(ip);
    const started = await startProUpgrade(userId);
    if (!started.ok) throw new Error(`upgrade refused: ${started.error}`);
    const [order] = await db.select().from(orders).where(eq(orders.id, started.orderId));
    const returnParams = { payment_intent: order?.stripePaymentIntentId as string };

    for (let call = 0; call < 2; call++) {
      expect(await syncReturnedPayment(userId, returnParams, ip)).toEqual({
        status: "requires_payment",
        confirming: false,
      });
    }
    const retrieves = await stripeRetrieves();
    expect(await syncReturnedPayment(userId, returnParams, ip)).toEqual({
      status: "requires_payment",
      confirming: true,
    });
    expect(await stripeRetrieves()).toBe(retrieves);
    expect(await securityEvents("/billing")).toBeGreaterThanOrEqual(1);
  });

  it("webhooks are limited per sending address, across both providers, with Retry-After", async () => {
    const sender = newAddress();
    expect((await stripeWebhook(unsignedWebhook("/api/webhooks/stripe", sender))).status).toBe(400);
    expect((await clerkWebhook(unsignedWebhook("/api/webhooks/clerk", sender))).status).toBe(400);
    expect((await stripeWebhook(unsignedWebhook("/api/webhooks/stripe", sender))).status).toBe(400);
    const refused = await clerkWebhook(unsignedWebhook("/api/webhooks/clerk", sender));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ error: "rate_limited" });
    expect((await stripeWebhook(unsignedWebhook("/api/webhooks/stripe", newAddress()))).status).toBe(400);

    await windowEnd();
    expect((await stripeWebhook(unsignedWebhook("/api/webhooks/stripe", sender))).status).toBe(400);
  });

  it("sign-in pages and writes through /clerk-fapi are limited per address; reads through it are not", async () => {
    const visitor = newAddress();
    for (const path of ["/sign-in", "/sign-up", "/sign-in/factor-one"]) {
      expect((await throughProxy(path, visitor)).status).not.toBe(429);
    }
    const page = await throughProxy("/sign-in", visitor);
    expect(page.status).toBe(429);
    expect(page.headers.get("retry-after")).toMatch(/^[1-3]$/);
    expect(await page.text()).toMatch(/Too many sign-in requests/);
    expect((await throughProxy("/clerk-fapi/v1/environment", visitor)).status).not.toBe(429);
    const attempt = await throughProxy("/clerk-fapi/v1/client/sign_ins", visitor, "POST");
    expect(attempt.status).toBe(429);
    expect(await attempt.json()).toMatchObject({ error: "rate_limited" });
    expect((await throughProxy("/sign-in", newAddress())).status).not.toBe(429);
    expect(await securityEvents("/clerk-fapi")).toBeGreaterThanOrEqual(1);
  });
});

/*
 * A counter the store cannot answer for in time: another transaction holds its row, so the limiter's
 * upsert waits. Needs a second connection, which embedded PGlite cannot serve alongside the app's.
 */
describe.runIf(inject("databaseKind") === "postgresql")("when the counters cannot be read", () => {
  async function holdingCounter<T>(key: string, work: () => Promise<T>): Promise<T> {
    const other = postgres(inject("databaseUrl"), { max: 1, onnotice: () => {} });
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = other
      .begin(async (tx) => {
        await tx`insert into rate_limits (key, points) values (${key}, 0)`;
        locked();
        await released;
        throw new Error("rolled back on purpose");
      })
      .catch(() => undefined);
    try {
      await isLocked;
      return await work();
    } finally {
      release();
      await holder;
      await other.end();
    }
  }

  it("Buy Pro fails closed: 503 with Retry-After, and no order", async () => {
    const ip = newAddress();
    const userId = await signIn(ip);
    const response = await holdingCounter(`paymentIntent:user:${userId}`, () => createIntent(intentRequest(ip)));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe(String(limitWindow.seconds));
    expect(await response.json()).toMatchObject({ error: "unavailable" });
    expect(await db.select({ id: orders.id }).from(orders).where(eq(orders.userId, userId))).toHaveLength(0);
  });

  it("task writes fail open: the task is saved", async () => {
    const userId = await signIn(newAddress());
    const saved = await holdingCounter(`taskWrites:user:${userId}`, () => addTask("written anyway"));
    expect(saved).toMatchObject({ status: "saved" });
    expect((await tasksChecksum([userId])).count).toBe(1);
  });
});
