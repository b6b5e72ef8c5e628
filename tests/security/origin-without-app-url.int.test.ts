import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { POST as createIntent } from "@/app/api/payments/intent/route";
import { users } from "@/db/schema";
import { db } from "@/lib/db";
import { session } from "@/tests/support/clerk-session";

// No APP_URL: the app's origin is whatever host the request came in on.
vi.hoisted(() => vi.stubEnv("APP_URL", ""));
afterAll(() => vi.unstubAllEnvs());
vi.mock("@clerk/nextjs/server", () => import("@/tests/support/clerk-session").then((m) => m.clerkServer()));

async function intent(headers: Record<string, string>) {
  session.userId = `user_oh_${randomUUID().replaceAll("-", "")}`;
  await db.insert(users).values({ id: session.userId });
  return createIntent(new Request("http://10.0.0.5:3000/api/payments/intent", { method: "POST", headers }));
}

describe("the Origin check without APP_URL", () => {
  it("accepts an Origin on the Host the request came in on", async () => {
    expect((await intent({ host: "app.example.test", origin: "https://app.example.test" })).status).toBe(200);
  });

  it("behind a proxy, compares with the forwarded host rather than the internal one", async () => {
    const headers = { host: "10.0.0.5:3000", "x-forwarded-host": "app.example.test" };
    expect((await intent({ ...headers, origin: "https://app.example.test" })).status).toBe(200);
    expect((await intent({ ...headers, origin: "http://10.0.0.5:3000" })).status).toBe(403);
  });

  it("refuses another site's Origin", async () => {
    expect((await intent({ host: "app.example.test", origin: "https://evil.example" })).status).toBe(403);
  });
});
