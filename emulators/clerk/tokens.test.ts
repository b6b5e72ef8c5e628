import { verifyToken } from "@clerk/backend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_URL, startEmulator } from "./test-helpers";
import { DEMO_USERS } from "./store";

describe("session tokens", () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  const mint = async (body: object) => {
    const res = await fetch(`${emulator.baseUrl}/__test/tokens`, { method: "POST", body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    return (await res.json()) as { token: string; sessionId: string; claims: Record<string, unknown> };
  };
  const verify = (token: string) =>
    verifyToken(token, { jwtKey: emulator.env.CLERK_JWT_KEY, authorizedParties: [APP_URL] });

  it("setup returns one-line keys that @clerk/backend accepts", () => {
    const { env } = emulator;
    expect(env.CLERK_JWT_KEY).toMatch(/^-----BEGIN PUBLIC KEY-----[A-Za-z0-9+/=]+-----END PUBLIC KEY-----$/);
    const pk = env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY!;
    expect(pk).toMatch(/^pk_live_[A-Za-z0-9+/]+$/);
    expect(Buffer.from(pk.slice("pk_live_".length), "base64").toString()).toBe("clerk.taskpilot.localhost$");
    expect(env.CLERK_SECRET_KEY).toMatch(/^sk_live_/);
    expect(env.CLERK_SECRET_KEY!.slice("sk_live_".length).length).toBeLessThan(20);
    expect(env.CLERK_WEBHOOK_SIGNING_SECRET).toMatch(/^whsec_[A-Za-z0-9+/=]{32,}$/);
    expect(env.NEXT_PUBLIC_CLERK_JS_URL).toBe(`${APP_URL}/clerk-fapi/npm/@clerk/clerk-js@6.40.0/dist/clerk.browser.js`);
  });

  it("a valid token verifies with the jwtKey and authorizedParties", async () => {
    const { token, sessionId } = await mint({ userId: DEMO_USERS[0]!.id });
    // The package's top-level verifyToken returns the claims, or throws a TokenVerificationError.
    const data = await verify(token);
    expect(data).toMatchObject({
      sub: "user_demo_0000000000000000000001",
      sid: sessionId,
      iss: "https://clerk.taskpilot.localhost",
      azp: APP_URL,
      v: 2,
      sts: "active",
    });
    expect(data.exp - data.iat).toBe(60);
  });

  it("carries the user's public metadata as the session-token template's metadata claim", async () => {
    const [demo, sam] = DEMO_USERS;
    expect((await verify((await mint({ userId: demo!.id })).token)).metadata).toEqual({ role: "operator" });
    expect((await verify((await mint({ userId: sam!.id })).token)).metadata).toEqual({});
  });

  it("honours a custom lifetime", async () => {
    const { claims } = await mint({ userId: DEMO_USERS[0]!.id, lifetimeSeconds: 3600 });
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
  });

  it.each([
    ["expired", "token-expired"],
    ["wrong-key", "token-invalid-signature"],
    ["wrong-azp", "token-invalid-authorized-parties"],
    ["future-nbf", "token-not-active-yet"],
  ])("a %s token is rejected", async (variant, reason) => {
    const { token } = await mint({ userId: DEMO_USERS[0]!.id, variant });
    await expect(verify(token)).rejects.toMatchObject({ reason });
  });

  it("rejects bad test API input with a 400", async () => {
    const res = await fetch(`${emulator.baseUrl}/__test/tokens`, {
      method: "POST",
      body: JSON.stringify({ userId: "nope", variant: "sideways" }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(Object.keys(body.issues.fieldErrors)).toEqual(["userId", "variant"]);
  });
});
