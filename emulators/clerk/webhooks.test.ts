import { verifyWebhook } from "@clerk/backend/webhooks";
import { Webhook } from "svix";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, startReceiver, type Receiver } from "./test-helpers";

describe("webhooks", () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
  let receiver: Receiver | undefined;
  afterEach(async () => {
    await emulator?.stop();
    await receiver?.stop();
  });

  const trigger = async (body: object) => {
    const res = await fetch(`${emulator!.baseUrl}/__test/webhooks`, { method: "POST", body: JSON.stringify(body) });
    return { status: res.status, ...(await res.json()) };
  };

  it("sends svix-signed user events that verify with the signing secret from setup", async () => {
    receiver = await startReceiver();
    emulator = await startEmulator({ webhookUrl: receiver.url });
    const { delivery } = await trigger({ type: "user.updated", userId: "user_demo_0000000000000000000001" });
    expect(delivery).toMatchObject({ status: "delivered", type: "user.updated", attempts: [{ status: 200 }] });

    const [{ headers, body }] = receiver.received as [Receiver["received"][number]];
    // svix 2.5's verify throws on a bad signature and returns nothing, so parse the body separately.
    expect(() =>
      new Webhook(emulator!.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify(body, headers as Record<string, string>),
    ).not.toThrow();
    const event = JSON.parse(body);
    expect(headers["svix-id"]).toBe(delivery.id);
    expect(event).toMatchObject({
      object: "event",
      type: "user.updated",
      instance_id: expect.any(String),
      timestamp: expect.any(Number),
      data: { id: "user_demo_0000000000000000000001", object: "user", first_name: "Demo", last_name: "User" },
    });
    // What the app's route will most likely use.
    const viaClerk = await verifyWebhook(
      new Request(receiver.url, { method: "POST", headers: headers as Record<string, string>, body }),
      {
        signingSecret: emulator.env.CLERK_WEBHOOK_SIGNING_SECRET,
      },
    );
    expect(viaClerk).toMatchObject({ type: "user.updated", data: { id: "user_demo_0000000000000000000001" } });
    expect(() =>
      new Webhook(`whsec_${Buffer.from("another secret!!").toString("base64")}`).verify(
        body,
        headers as Record<string, string>,
      ),
    ).toThrow();
  });

  it("retries failures with backoff, reusing the svix-id, and signs each attempt", async () => {
    receiver = await startReceiver((attempt) => (attempt < 3 ? 500 : 204));
    emulator = await startEmulator({ webhookUrl: receiver.url, webhookRetry: { maxAttempts: 4, baseDelayMs: 30 } });
    const started = Date.now();
    const { delivery } = await trigger({ type: "user.deleted", userId: "user_gone" });
    expect(delivery.status).toBe("delivered");
    expect(delivery.attempts.map((a: { status: number }) => a.status)).toEqual([500, 500, 204]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(30 + 60);
    expect(new Set(receiver.received.map((r) => r.headers["svix-id"]))).toEqual(new Set([delivery.id]));
    const wh = new Webhook(emulator.env.CLERK_WEBHOOK_SIGNING_SECRET!);
    for (const { body, headers } of receiver.received) {
      expect(() => wh.verify(body, headers as Record<string, string>)).not.toThrow();
      expect(JSON.parse(body)).toMatchObject({
        type: "user.deleted",
        data: { id: "user_gone", object: "user", deleted: true },
      });
    }
  });

  it("gives up after the configured attempts when the app is unreachable", async () => {
    receiver = await startReceiver();
    await receiver.stop(); // nothing listens on this URL any more
    emulator = await startEmulator({ webhookUrl: receiver.url, webhookRetry: { maxAttempts: 3, baseDelayMs: 10 } });
    const { delivery } = await trigger({ type: "user.created", userId: "user_demo_0000000000000000000002" });
    expect(delivery.status).toBe("failed");
    expect(delivery.attempts).toHaveLength(3);
    expect(delivery.attempts[0].error).toMatch(/ECONNREFUSED/);
    receiver = undefined;
  });

  it("fires user.created, user.updated and user.deleted for test API user changes", async () => {
    receiver = await startReceiver();
    emulator = await startEmulator({ webhookUrl: receiver.url });
    const base = emulator.baseUrl;
    const created = await (
      await fetch(`${base}/__test/users`, {
        method: "POST",
        body: JSON.stringify({ email: "x@example.com", firstName: "X" }),
      })
    ).json();
    await fetch(`${base}/__test/users/${created.user.id}`, {
      method: "PATCH",
      body: JSON.stringify({ lastName: "Ray" }),
    });
    await fetch(`${base}/__test/users/${created.user.id}`, { method: "DELETE" });
    await expect.poll(() => receiver!.received.length).toBe(3);
    const { deliveries } = await (await fetch(`${base}/__test/webhooks`)).json();
    expect(deliveries.map((d: { type: string; status: string }) => [d.type, d.status])).toEqual([
      ["user.created", "delivered"],
      ["user.updated", "delivered"],
      ["user.deleted", "delivered"],
    ]);
    expect(new Set(deliveries.map((d: { id: string }) => d.id)).size).toBe(3);
    const types = receiver.received.map((r) => JSON.parse(r.body).type);
    expect(types.sort()).toEqual(["user.created", "user.deleted", "user.updated"]);
  });

  it("validates webhook triggers", async () => {
    emulator = await startEmulator();
    expect((await trigger({ type: "user.exploded", userId: "user_x" })).status).toBe(400);
    expect((await trigger({ type: "user.updated", userId: "user_unknown" })).status).toBe(404);
  });
});
