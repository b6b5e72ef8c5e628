import { randomUUID } from "node:crypto";
// next/server declares NextFetchEvent but exports it only as a type; Next.js builds it from here.
import { NextFetchEvent } from "next/dist/server/web/spec-extension/fetch-event";
import { NextRequest } from "next/server";
import { describe, expect, inject, it } from "vitest";
import { appUrl } from "@/lib/app-url";
import { metrics } from "@/lib/observability/metrics";
import { securityEventCounts } from "@/lib/observability/status";
import proxy from "@/proxy";

/*
 * Detection, through the real proxy.ts and Clerk's real middleware, with tokens the Clerk emulator
 * signs (or deliberately breaks) the way Clerk does.
 */
type Variant = "valid" | "expired" | "wrong-key" | "wrong-azp";

async function emulatorToken(variant: Variant): Promise<string> {
  const clerk = `${inject("clerkEmulatorUrl")}/__test`;
  const created = await fetch(`${clerk}/users`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `det.${randomUUID()}@example.test`, firstName: "Dee" }),
  });
  const { user } = (await created.json()) as { user: { id: string } };
  const minted = await fetch(`${clerk}/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ userId: user.id, variant }),
  });
  return ((await minted.json()) as { token: string }).token;
}

function throughProxy(path: string, token?: string): Promise<Response> {
  const headers = new Headers({ "x-forwarded-for": "192.0.2.7" });
  if (token) headers.set("authorization", `Bearer ${token}`);
  const request = new NextRequest(`${appUrl}${path}`, { headers });
  return proxy(request, new NextFetchEvent({ request, page: path, context: undefined }));
}

async function count(reason: string, route = "proxy"): Promise<number> {
  const { values } = await metrics.securityEvents.get();
  return values
    .filter((value) => value.labels.reason === reason && value.labels.route === route)
    .reduce((sum, value) => sum + value.value, 0);
}

describe("refused sessions are counted by reason", () => {
  it.each([
    ["expired", "session_expired"],
    ["wrong-key", "session_bad_signature"],
    ["wrong-azp", "session_wrong_party"],
  ] as const)("a %s token on an API counts %s and a 401", async (variant, reason) => {
    const token = await emulatorToken(variant);
    const [refusedBefore, unauthorizedBefore] = [await count(reason), await count("unauthorized")];
    const response = await throughProxy("/api/tasks", token);
    expect(response.status).toBe(401);
    expect(await count(reason)).toBe(refusedBefore + 1);
    expect(await count("unauthorized")).toBe(unauthorizedBefore + 1);
  });

  it("a forged token (tampered payload) counts as a bad signature", async () => {
    const [head, payload, signature] = (await emulatorToken("valid")).split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: "user_someone_else" })).toString("base64url");
    const before = await count("session_bad_signature");
    expect((await throughProxy("/api/tasks", `${head}.${forged}.${signature}`)).status).toBe(401);
    expect(await count("session_bad_signature")).toBe(before + 1);
  });

  it("a valid token and a visit without any token count no refused session", async () => {
    const reasons = ["session_expired", "session_bad_signature", "session_wrong_party", "session_invalid"];
    const before = await Promise.all(reasons.map((reason) => count(reason)));
    expect((await throughProxy("/api/tasks", await emulatorToken("valid"))).status).not.toBe(401);
    const unauthorizedBefore = await count("unauthorized");
    expect((await throughProxy("/api/tasks")).status).toBe(401);
    expect(await Promise.all(reasons.map((reason) => count(reason)))).toEqual(before);
    expect(await count("unauthorized")).toBe(unauthorizedBefore + 1);
  });

  it("the status page's summary adds the counts up by reason", async () => {
    await throughProxy("/api/tasks", await emulatorToken("expired"));
    const expired = (await securityEventCounts()).find((entry) => entry.reason === "session_expired");
    expect(expired?.count).toBe(await count("session_expired"));
    expect(expired?.count).toBeGreaterThan(0);
  });
});

describe("routes that never read a session", () => {
  it.each(["/api/health/ready", "/api/webhooks/stripe", "/api/metrics", "/api/csp-report"])(
    "%s passes on without Clerk verifying the token it carries",
    async (path) => {
      const token = await emulatorToken("expired");
      const before = await count("session_expired");
      const response = await throughProxy(path, token);
      expect(response.headers.get("x-middleware-next")).toBe("1");
      expect(response.headers.get("x-request-id")).toBeTruthy();
      expect(await count("session_expired")).toBe(before);
    },
  );

  it("the sign-in page still has Clerk verify the session, to send a signed-in visitor on", async () => {
    const token = await emulatorToken("expired");
    const before = await count("session_expired");
    await throughProxy("/sign-in", token);
    expect(await count("session_expired")).toBe(before + 1);
  });
});
