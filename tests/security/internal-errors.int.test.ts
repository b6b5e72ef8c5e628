import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { session } from "@/tests/support/clerk-session";
import { startTcpProxy } from "@/tests/support/tcp-proxy";

vi.mock("@clerk/nextjs/server", () => import("@/tests/support/clerk-session").then((m) => m.clerkServer()));

/*
 * The app's database behind a link the test can take down: the routes are imported only after
 * DATABASE_URL points at it, so their pool goes through it. The tests run in order: up, then down.
 */
let link: Awaited<ReturnType<typeof startTcpProxy>>;
let routes: {
  me: typeof import("@/app/api/me/route").GET;
  intent: typeof import("@/app/api/payments/intent/route").POST;
};

beforeAll(async () => {
  const url = new URL(inject("databaseUrl"));
  link = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
  url.hostname = "127.0.0.1";
  url.port = String(link.port);
  vi.stubEnv("DATABASE_URL", url.toString());
  routes = {
    me: (await import("@/app/api/me/route")).GET,
    intent: (await import("@/app/api/payments/intent/route")).POST,
  };
});
afterAll(() => vi.unstubAllEnvs());

const appOrigin = "http://localhost:3999";

/** Drops the pool's connections and stops listening, so new ones are refused at once. */
async function takeDatabaseDown() {
  link.cut();
  await link.close();
}

describe("with the database unreachable", () => {
  it("Buy Pro fails closed on its abuse limit: 503 with Retry-After, as JSON", async () => {
    session.userId = `user_ie_${randomUUID().replaceAll("-", "")}`;
    // Signed in while the database answers, so only the limit's counter is left to read.
    expect((await routes.me(new Request(`${appOrigin}/api/me`))).status).toBe(200);
    await takeDatabaseDown();
    const response = await routes.intent(
      new Request(`${appOrigin}/api/payments/intent`, { method: "POST", headers: { origin: appOrigin } }),
    );
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toEqual({ error: "unavailable", message: expect.any(String) });
  });

  it("an unexpected failure is answered as JSON 500 that says nothing about its cause", async () => {
    // A new user: the session seam must write their row, and cannot.
    session.userId = `user_ie_${randomUUID().replaceAll("-", "")}`;
    const response = await routes.me(new Request(`${appOrigin}/api/me`));
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: "internal_error", message: expect.any(String) });
    expect(text).not.toMatch(/\bat |ECONN|postgres|Error/);
  });
});
