import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { Webhook } from "svix";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/health/ready/route";
import { GET as me } from "@/app/api/me/route";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { POST as createIntent } from "@/app/api/payments/intent/route";
import { POST as clerkWebhook } from "@/app/api/webhooks/clerk/route";
import { POST as stripeWebhook } from "@/app/api/webhooks/stripe/route";
import { clerkEvents, orders, stripeEvents, users } from "@/db/schema";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { handledStripeEvents } from "@/lib/payments/webhook-events";
import { session } from "@/tests/support/clerk-session";
import {
  forwardedFor,
  headersOf,
  headerValue,
  hostileBody,
  hostileHeaderPairs,
  hostileJson,
  hostileText,
  type Body,
} from "@/tests/support/hostile";
import { stripeAdmin } from "@/tests/support/stripe-emulator";

/*
 * Every route handler, sent requests an attacker could send: forged headers, bodies that are
 * malformed, of the wrong shape, huge, binary or full of unicode edge cases and injection strings.
 * Each must answer (never throw), never with a 500, refusals as JSON without a stack trace, and a
 * refusal must leave what it targets exactly as it was. Only Clerk's auth() is faked.
 */
vi.mock("@clerk/nextjs/server", () => import("@/tests/support/clerk-session").then((m) => m.clerkServer()));

const numRuns = 1_000;
const appOrigin = "http://localhost:3999";
const signedIn = fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });

let caller: string;
beforeAll(async () => {
  caller = `user_prop_${randomUUID().replaceAll("-", "")}`;
  await db.insert(users).values({ id: caller });
});

/** A fingerprint of everything stored for a user: their row and their orders. */
async function userState(userId: string): Promise<string> {
  const [row] = await db.execute<{ hash: string }>(sql`
    select md5(coalesce((select u::text from users u where u.id = ${userId}), '') || '|' ||
      coalesce((select string_agg(o::text, '|' order by o.id) from orders o where o.user_id = ${userId}), ''))
      as hash`);
  return row?.hash ?? "";
}

function request(path: string, init: { method?: string; headers?: Headers; body?: Body }): Request {
  const body = init.body instanceof Uint8Array ? Buffer.from(init.body) : init.body;
  return new Request(`${appOrigin}${path}`, { method: init.method ?? "GET", headers: init.headers, body });
}

/** Checks what every answer must be, and returns its body's text. */
async function checkAnswer(response: Response, allowed: number[]): Promise<string> {
  expect(allowed).toContain(response.status);
  expect(response.headers.get("x-request-id")).toMatch(/^[\w.:-]{8,128}$/);
  const text = await response.text();
  expect(text).not.toMatch(/\n\s+at |\.tsx?:\d+|node_modules/);
  if (response.status >= 400) {
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    expect(typeof body.error).toBe("string");
    expect(typeof body.message).toBe("string");
  }
  return text;
}

const property = <Input>(input: fc.Arbitrary<Input>, predicate: (input: Input) => Promise<void>) =>
  fc.assert(fc.asyncProperty(input, predicate), { numRuns });

// Generous: the machine may be shared, and a thousand requests per handler is the point.
describe(`every route handler survives ${numRuns} hostile requests`, { timeout: 120_000 }, () => {
  it("POST /api/payments/intent", async () => {
    const input = fc.record({
      signedIn,
      origin: fc.oneof(
        { weight: 6, arbitrary: fc.constant(appOrigin) },
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 2, arbitrary: headerValue },
        { weight: 1, arbitrary: fc.constantFrom("https://evil.example", "null", "http://localhost:3999.evil.example") },
      ),
      body: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom<Body>(undefined, "", "{}", " {} ") },
        { weight: 4, arbitrary: hostileBody },
      ),
      pairs: hostileHeaderPairs,
    });
    await property(input, async ({ signedIn, origin, body, pairs }) => {
      session.userId = signedIn ? caller : null;
      const headers = headersOf(pairs);
      if (origin === undefined) headers.delete("origin");
      else headers.set("origin", origin);
      const before = await userState(caller);
      const response = await createIntent(request("/api/payments/intent", { method: "POST", headers, body }));
      const text = await checkAnswer(response, [200, 400, 401, 403, 413]);
      if (origin !== appOrigin) expect(response.status).toBe(403);
      else if (!signedIn) expect(response.status).toBe(401);
      else if (body === undefined || body === "" || body === "{}") expect(response.status).toBe(200);
      if (response.status === 200) expect(JSON.parse(text)).toMatchObject({ clientSecret: expect.any(String) });
      else expect(await userState(caller)).toBe(before);
    });
    expect(await db.$count(orders, eq(orders.userId, caller))).toBe(1);
  });

  it("POST /api/webhooks/stripe", async () => {
    const eventId = () => `evt_prop_${randomUUID().replaceAll("-", "")}`;
    const wrongSecret = "whsec_wrong_secret_000000000000";
    // Well-formed but unsigned, or signed with the wrong secret, or too long ago.
    const forged = fc.record({
      kind: fc.constant("forged" as const),
      id: fc.constant(null).map(eventId),
      pairs: hostileHeaderPairs,
      signature: fc.oneof(headerValue, fc.constant(wrongSecret), fc.constant("stale"), fc.constant("none")),
    });
    // Anything at all in the body, with whatever headers.
    const junk = fc.record({ kind: fc.constant("junk" as const), body: hostileBody, pairs: hostileHeaderPairs });
    // Correctly signed but shaped to carry no PaymentIntent, of handled and unhandled types.
    const signedShapeless = fc.record({
      kind: fc.constant("signed" as const),
      id: fc.constant(null).map(eventId),
      type: fc.oneof(fc.constantFrom(...handledStripeEvents), hostileText),
      data: fc.oneof(
        fc.constant(null),
        hostileJson,
        hostileJson.map((object) => ({ object })),
        fc.record({ object: fc.record({ object: fc.constantFrom("payment_intent", "charge", "dispute") }) }),
      ),
    });
    await property(fc.oneof(forged, junk, signedShapeless), async (input) => {
      const headers = input.kind === "signed" ? new Headers() : headersOf(input.pairs);
      let body: Body;
      let id: string | null = null;
      if (input.kind === "junk") {
        body = input.body;
      } else {
        id = input.id;
        const event =
          input.kind === "signed"
            ? { id, object: "event", type: input.type, data: input.data }
            : { id, object: "event", type: "payment_intent.succeeded", data: { object: { object: "payment_intent" } } };
        body = JSON.stringify(event);
        const how = input.kind === "forged" ? input.signature : "signed";
        const sign = (secret: string, timestamp?: number) =>
          stripeAdmin.webhooks.generateTestHeaderString({ payload: body as string, secret, timestamp });
        if (how === "signed") headers.set("stripe-signature", sign(env.STRIPE_WEBHOOK_SECRET));
        else if (how === "stale") {
          headers.set("stripe-signature", sign(env.STRIPE_WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 600));
        } else if (how === wrongSecret) headers.set("stripe-signature", sign(wrongSecret));
        else if (how === "none") headers.delete("stripe-signature");
        else headers.set("stripe-signature", how);
      }
      const response = await stripeWebhook(request("/api/webhooks/stripe", { method: "POST", headers, body }));
      const text = await checkAnswer(response, [200, 400, 413]);
      if (input.kind === "signed") expect(JSON.parse(text)).toEqual({ received: true, status: "ignored" });
      else expect(response.status).not.toBe(200);
      if (id) expect(await db.$count(stripeEvents, eq(stripeEvents.id, id))).toBe(0);
    });
  });

  it("POST /api/webhooks/clerk", async () => {
    const secret = env.CLERK_WEBHOOK_SIGNING_SECRET;
    const newUserId = () => `user_prop_${randomUUID().replaceAll("-", "")}`;
    /** A user.created payload with at least one field the schema refuses. */
    const corruptedUser = fc
      .record({
        id: fc.oneof(fc.constant(null).map(newUserId), hostileText),
        updated_at: fc.oneof(fc.integer({ min: 0 }), hostileText, fc.constant(-1), fc.double()),
        email_addresses: fc.oneof(fc.constant([]), hostileJson),
        first_name: fc.oneof(fc.constant(null), hostileJson),
      })
      .filter(
        (data) =>
          !(
            typeof data.id === "string" &&
            data.id.startsWith("user_") &&
            Number.isInteger(data.updated_at) &&
            (data.updated_at as number) >= 0 &&
            Array.isArray(data.email_addresses) &&
            data.email_addresses.length === 0 &&
            (data.first_name === null || typeof data.first_name === "string")
          ),
      );
    const delivery = fc.oneof(
      fc.record({ kind: fc.constant("junk" as const), body: hostileBody, pairs: hostileHeaderPairs }),
      fc.record({
        kind: fc.constant("forged" as const),
        userId: fc.constant(null).map(newUserId),
        how: fc.constantFrom("wrong secret", "stale", "garbage signature", "no headers"),
        garbage: headerValue,
      }),
      fc.record({
        kind: fc.constant("signed" as const),
        type: fc.oneof(fc.constantFrom("user.created", "user.updated"), hostileText),
        data: corruptedUser,
      }),
    );
    await property(delivery, async (input) => {
      const svixId = `msg_prop_${randomUUID()}`;
      let headers: Headers;
      let body: Body;
      let target: string | null = null;
      if (input.kind === "junk") {
        headers = headersOf(input.pairs);
        body = input.body;
      } else {
        const id = input.kind === "forged" ? input.userId : input.data.id;
        // A user id the database could hold; anything else cannot have been written at all.
        target = typeof id === "string" && /^user_\w+$/.test(id) ? id : null;
        const data =
          input.kind === "forged"
            ? { id: input.userId, object: "user", email_addresses: [], updated_at: Date.now() }
            : { object: "user", ...input.data };
        body = JSON.stringify({ type: input.kind === "forged" ? "user.created" : input.type, object: "event", data });
        const at = input.kind === "forged" && input.how === "stale" ? new Date(Date.now() - 3_600_000) : new Date();
        const signer = new Webhook(
          input.kind === "forged" && input.how === "wrong secret" ? "whsec_d3JvbmctY2xlcmstc2VjcmV0" : secret,
        );
        headers = new Headers({
          "svix-id": svixId,
          "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
          "svix-signature":
            input.kind === "forged" && input.how === "garbage signature"
              ? input.garbage
              : signer.sign(svixId, at, body),
        });
        if (input.kind === "forged" && input.how === "no headers") headers = new Headers();
      }
      const before = target ? await userState(target) : "";
      const response = await clerkWebhook(request("/api/webhooks/clerk", { method: "POST", headers, body }));
      const text = await checkAnswer(response, [200, 400, 413]);
      if (response.status === 200) expect(JSON.parse(text)).toEqual({ status: "ignored" });
      if (input.kind !== "signed") expect(response.status).not.toBe(200);
      if (target) expect(await userState(target)).toBe(before);
      expect(await db.$count(clerkEvents, eq(clerkEvents.id, svixId))).toBe(0);
    });
  });

  it("GET /api/me", async () => {
    const input = fc.record({ signedIn, pairs: hostileHeaderPairs, query: hostileText });
    await property(input, async ({ signedIn, pairs, query }) => {
      session.userId = signedIn ? caller : null;
      const before = await userState(caller);
      const response = await me(request(`/api/me?${new URLSearchParams({ q: query })}`, { headers: headersOf(pairs) }));
      const text = await checkAnswer(response, [200, 401]);
      if (signedIn) expect(JSON.parse(text)).toMatchObject({ id: caller, plan: "free" });
      else expect(response.status).toBe(401);
      expect(await userState(caller)).toBe(before);
    });
  });

  it("GET /api/metrics", async () => {
    const token = `Bearer ${env.METRICS_TOKEN}`;
    const authorization = fc.oneof(
      { weight: 1, arbitrary: fc.constant(token) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      {
        weight: 6,
        arbitrary: fc.oneof(
          headerValue,
          fc.constantFrom(token.slice(0, -1), `${token}x`, token.toLowerCase(), `bearer ${env.METRICS_TOKEN}`),
        ),
      },
    );
    await property(fc.record({ authorization, pairs: hostileHeaderPairs }), async ({ authorization, pairs }) => {
      const headers = headersOf(pairs);
      if (authorization === undefined) headers.delete("authorization");
      else headers.set("authorization", authorization);
      const response = await metricsRoute(request("/api/metrics", { headers }));
      await checkAnswer(response, [200, 401]);
      expect(response.status).toBe(headers.get("authorization") === token ? 200 : 401);
    });
  });

  it("GET /api/health and /api/health/ready", async () => {
    const input = fc.record({ pairs: hostileHeaderPairs, query: hostileText, ip: forwardedFor });
    await property(input, async ({ pairs, query, ip }) => {
      const headers = headersOf(pairs);
      headers.set("x-forwarded-for", ip);
      const search = `?${new URLSearchParams({ q: query })}`;
      const live = await health(request(`/api/health${search}`, { headers }));
      expect(JSON.parse(await checkAnswer(live, [200]))).toEqual({ status: "ok" });
      const readiness = await ready(request(`/api/health/ready${search}`, { headers }));
      expect(JSON.parse(await checkAnswer(readiness, [200]))).toMatchObject({ status: "ready" });
    });
  });
});
