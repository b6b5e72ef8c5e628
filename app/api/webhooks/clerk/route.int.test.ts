import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { Webhook } from "svix";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { clerkEvents, tasks, users } from "@/db/schema";
import { env } from "@/lib/env";
import { POST } from "./route";

const secret = env.CLERK_WEBHOOK_SIGNING_SECRET;
const url = "http://localhost:3999/api/webhooks/clerk";

// Clerk stamps every version of a profile with updated_at (ms); each payload here is a newer version.
let profileVersion = Date.now();

function userPayload(type: string, userId: string, overrides: Record<string, unknown> = {}) {
  const data =
    type === "user.deleted"
      ? { id: userId, object: "user", deleted: true }
      : {
          id: userId,
          object: "user",
          first_name: "Ada",
          last_name: "Lovelace",
          primary_email_address_id: "idn_1",
          email_addresses: [{ id: "idn_1", email_address: "ada@example.test" }],
          updated_at: (profileVersion += 1),
          ...overrides,
        };
  return JSON.stringify({ type, object: "event", data, timestamp: Date.now(), instance_id: "ins_test" });
}

function signedRequest(body: string, options: { id?: string; at?: Date; signingSecret?: string } = {}) {
  const id = options.id ?? `msg_${randomUUID()}`;
  const at = options.at ?? new Date();
  const signature = new Webhook(options.signingSecret ?? secret).sign(id, at, body);
  return new NextRequest(url, {
    method: "POST",
    body,
    headers: { "svix-id": id, "svix-timestamp": String(Math.floor(at.getTime() / 1000)), "svix-signature": signature },
  });
}

const newUserId = () => `user_it_${randomUUID().replaceAll("-", "")}`;
const userRow = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0];
const eventCount = async (userId: string) =>
  (await db.select().from(clerkEvents).where(eq(clerkEvents.userId, userId))).length;

describe("POST /api/webhooks/clerk", () => {
  it("user.created then user.updated upsert email and name", async () => {
    const id = newUserId();
    expect((await POST(signedRequest(userPayload("user.created", id)))).status).toBe(200);
    expect(await userRow(id)).toMatchObject({ email: "ada@example.test", name: "Ada Lovelace" });

    const updated = userPayload("user.updated", id, {
      first_name: "Augusta",
      email_addresses: [{ id: "idn_1", email_address: "augusta@example.test" }],
    });
    const response = await POST(signedRequest(updated));
    expect(await response.json()).toEqual({ status: "applied" });
    expect(await userRow(id)).toMatchObject({ email: "augusta@example.test", name: "Augusta Lovelace" });
  });

  it("an update older than the stored profile is acknowledged and not applied", async () => {
    const id = newUserId();
    const older = userPayload("user.updated", id, { first_name: "Older" });
    const newer = userPayload("user.updated", id, { first_name: "Newer" });
    expect(await (await POST(signedRequest(newer))).json()).toEqual({ status: "applied" });
    const late = await POST(signedRequest(older));
    expect(late.status).toBe(200);
    expect(await late.json()).toEqual({ status: "stale" });
    expect(await userRow(id)).toMatchObject({ name: "Newer Lovelace" });
  });

  it("user.deleted removes the user and their tasks", async () => {
    const id = newUserId();
    await POST(signedRequest(userPayload("user.created", id)));
    await db.insert(tasks).values({ userId: id, title: "Private task" });
    expect((await POST(signedRequest(userPayload("user.deleted", id)))).status).toBe(200);
    expect(await userRow(id)).toBeUndefined();
    expect(await db.select().from(tasks).where(eq(tasks.userId, id))).toEqual([]);

    // An update delivered late, after the deletion, does not bring the person back.
    const late = await POST(signedRequest(userPayload("user.updated", id)));
    expect(await late.json()).toEqual({ status: "ignored" });
    expect(await userRow(id)).toBeUndefined();
  });

  it("a replayed delivery changes nothing, even when sent concurrently", async () => {
    const id = newUserId();
    const body = userPayload("user.created", id);
    const deliveryId = `msg_${randomUUID()}`;
    const responses = await Promise.all(Array.from({ length: 5 }, () => POST(signedRequest(body, { id: deliveryId }))));
    const outcomes = await Promise.all(responses.map((response) => response.json()));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(outcomes.filter((outcome) => outcome.status === "applied")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === "duplicate")).toHaveLength(4);
    expect(await eventCount(id)).toBe(1);
  });

  it.each([
    [
      "a tampered body",
      (body: string) =>
        new NextRequest(url, {
          method: "POST",
          body: body.replace("Ada", "Eve"),
          headers: signedRequest(body).headers,
        }),
    ],
    [
      "a wrong secret",
      (body: string) =>
        signedRequest(body, {
          signingSecret: "whsec_" + Buffer.from("another-secret-entirely-32bytes!").toString("base64"),
        }),
    ],
    ["a stale timestamp", (body: string) => signedRequest(body, { at: new Date(Date.now() - 10 * 60_000) })],
    ["no signature", (body: string) => new NextRequest(url, { method: "POST", body })],
  ])("%s gets 400 and writes nothing", async (_, build) => {
    const id = newUserId();
    const response = await POST(build(userPayload("user.created", id)));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_signature" });
    expect(await userRow(id)).toBeUndefined();
    expect(await eventCount(id)).toBe(0);
  });

  it("a verified event with an unexpected shape gets 400 and writes nothing", async () => {
    const body = JSON.stringify({ type: "user.created", object: "event", data: { id: "not-a-user-id" } });
    const response = await POST(signedRequest(body));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_payload" });
  });

  it("other event types are acknowledged and ignored", async () => {
    const body = JSON.stringify({ type: "session.created", object: "event", data: { id: "sess_1" } });
    const response = await POST(signedRequest(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ignored" });
  });
});
