import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { GET as me } from "@/app/api/me/route";
import { POST as createIntent } from "@/app/api/payments/intent/route";
import { POST as clerkWebhook } from "@/app/api/webhooks/clerk/route";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { orders, stripeEvents, users } from "@/db/schema";
import { db } from "@/lib/db";
import { metrics } from "@/lib/observability/metrics";
import { webhookBodyLimitBytes } from "@/lib/route-handler";
import { session } from "@/tests/support/clerk-session";
import { signedDelivery } from "@/tests/support/stripe-emulator";

vi.mock("@clerk/nextjs/server", () => import("@/tests/support/clerk-session").then((m) => m.clerkServer()));

const appOrigin = "http://localhost:3999";

async function signIn() {
  session.userId = `user_rh_${randomUUID().replaceAll("-", "")}`;
  await db.insert(users).values({ id: session.userId });
  return session.userId;
}

const ordersOf = (userId: string) => db.select({ id: orders.id }).from(orders).where(eq(orders.userId, userId));

async function securityEvents(reason: string, route: string): Promise<number> {
  const { values } = await metrics.securityEvents.get();
  return values.find((value) => value.labels.reason === reason && value.labels.route === route)?.value ?? 0;
}

/** A request body that arrives in chunks with no Content-Length, counting how much of it was read. */
function streamedBody(totalBytes: number, chunkBytes = 8 * 1024) {
  const progress = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (progress.pulled >= totalBytes) return controller.close();
        const size = Math.min(chunkBytes, totalBytes - progress.pulled);
        progress.pulled += size;
        controller.enqueue(new Uint8Array(size).fill(0x61));
      },
    },
    // Nothing is produced ahead of a read, so `pulled` is what the handler asked for.
    { highWaterMark: 0 },
  );
  return { stream, progress };
}

const webhookRequest = (path: string, init: RequestInit & { duplex?: "half" }) =>
  new Request(`${appOrigin}${path}`, { method: "POST", ...init });

beforeEach(() => {
  session.userId = null;
});

describe("Origin on route handlers that change state", () => {
  const intentFrom = (origin: string | null) =>
    new Request(`${appOrigin}/api/payments/intent`, { method: "POST", headers: origin ? { origin } : {} });

  it.each([
    ["a foreign site", "https://evil.example"],
    ["the right host on another scheme", "https://localhost:3999"],
    ["the right host on another port", "http://localhost:4000"],
    ["a look-alike host", "http://localhost:3999.evil.example"],
    ["an opaque origin", "null"],
    ["garbage", "not a url"],
    ["no Origin at all", null],
  ])("refuses %s with 403 JSON and writes nothing", async (_, origin) => {
    const userId = await signIn();
    const refusalsBefore = await securityEvents("origin_refused", "/api/payments/intent");
    const response = await createIntent(intentFrom(origin));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "origin_refused", message: expect.any(String) });
    expect(await ordersOf(userId)).toEqual([]);
    expect(await securityEvents("origin_refused", "/api/payments/intent")).toBe(refusalsBefore + 1);
  });

  it("lets the app's own origin through", async () => {
    const userId = await signIn();
    expect((await createIntent(intentFrom(appOrigin))).status).toBe(200);
    expect(await ordersOf(userId)).toHaveLength(1);
  });

  it("does not ask GET requests for one", async () => {
    await signIn();
    expect((await me(new Request(`${appOrigin}/api/me`))).status).toBe(200);
  });

  it("does not apply to webhooks, which prove themselves by signature", async () => {
    const foreign = { origin: "https://evil.example" };
    const unsigned = await stripeWebhook(webhookRequest("/api/webhooks/stripe", { body: "{}", headers: foreign }));
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toMatchObject({ error: "invalid_signature" });
    const event = { id: `evt_${randomUUID()}`, object: "event", type: "customer.created", data: { object: {} } };
    const signed = signedDelivery(JSON.stringify(event));
    const delivered = await stripeWebhook(
      new Request(signed.url, {
        method: "POST",
        body: await signed.text(),
        headers: { ...foreign, ...Object.fromEntries(signed.headers) },
      }),
    );
    expect(delivered.status).toBe(200);
  });
});

describe.each([
  ["/api/webhooks/stripe", stripeWebhook],
  ["/api/webhooks/clerk", clerkWebhook],
])("%s body size", (path, handler) => {
  it("refuses a declared Content-Length over 64 KB with 413 before reading anything", async () => {
    const { stream, progress } = streamedBody(webhookBodyLimitBytes + 1);
    const response = await handler(
      webhookRequest(path, {
        body: stream,
        duplex: "half",
        headers: { "content-length": String(webhookBodyLimitBytes + 1), "content-type": "application/json" },
      }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "body_too_large", message: expect.stringMatching(/64 KB/) });
    expect(progress.pulled).toBe(0);
  });

  it("cuts off a chunked body with no Content-Length as soon as it passes 64 KB", async () => {
    const before = await db.$count(stripeEvents);
    const { stream, progress } = streamedBody(1024 * 1024);
    const response = await handler(webhookRequest(path, { body: stream, duplex: "half" }));
    expect(response.status).toBe(413);
    // Read up to the chunk that crossed the limit, not the whole megabyte.
    expect(progress.pulled).toBeLessThanOrEqual(webhookBodyLimitBytes + 8 * 1024);
    expect(await db.$count(stripeEvents)).toBe(before);
  });

  it("reads a body of exactly 64 KB and goes on to check its signature", async () => {
    const body = `{"pad":"${"a".repeat(webhookBodyLimitBytes - 10)}"}`;
    expect(Buffer.byteLength(body)).toBe(webhookBodyLimitBytes);
    const response = await handler(webhookRequest(path, { body }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_signature" });
  });
});

describe("a signed Stripe event of a handled type with no PaymentIntent", () => {
  it("is answered 200 and ignored, so Stripe does not retry it, and nothing is stored", async () => {
    const event = {
      id: `evt_${randomUUID().replaceAll("-", "")}`,
      object: "event",
      type: "payment_intent.succeeded",
      data: { object: { object: "payment_intent", id: "not_a_payment_intent" } },
    };
    const response = await stripeWebhook(signedDelivery(JSON.stringify(event)));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, status: "ignored" });
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id))).toEqual([]);
  });
});
