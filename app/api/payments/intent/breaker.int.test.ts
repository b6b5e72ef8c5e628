import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import TasksPage from "@/app/(app)/tasks/page";
import { POST as createIntent } from "@/app/api/payments/intent/route";
import { db } from "@/lib/db";
import { users } from "@/db/schema";
import { env } from "@/lib/env";
import { stripeBreakerState } from "@/lib/stripe/call";
import { clearFaults, setFaults } from "@/tests/support/stripe-emulator";
import { session } from "@/tests/support/clerk-session";

vi.mock("@clerk/nextjs/server", () => import("@/tests/support/clerk-session").then((m) => m.clerkServer()));

async function newCustomer() {
  session.userId = `user_breaker_${randomUUID().replaceAll("-", "")}`;
  await db.insert(users).values({ id: session.userId });
}

const startPurchase = async () =>
  await createIntent(
    new Request("http://localhost:3999/api/payments/intent", {
      method: "POST",
      headers: { origin: "http://localhost:3999" },
    }),
  );

// Stripe fails every call; Stripe-Should-Retry: false skips the SDK's own retries to keep this quick.
const stripeDown = () => setFaults({ failNext: { count: 1_000, status: 503, shouldRetry: false } });

async function waitForRecovery() {
  await clearFaults();
  await new Promise((resolve) => setTimeout(resolve, env.STRIPE_BREAKER_HALF_OPEN_MS + 100));
  await newCustomer();
  expect((await startPurchase()).status).toBe(200);
  expect(stripeBreakerState()).toBe("closed");
}

describe("the Stripe circuit breaker", () => {
  beforeEach(clearFaults);

  it("opens when Stripe fails for many customers, answers 503 fast without touching tasks, and recovers", async () => {
    await stripeDown();
    for (let call = 0; call < env.STRIPE_BREAKER_THRESHOLD; call += 1) {
      await newCustomer();
      expect((await startPurchase()).status).toBe(503);
    }
    expect(stripeBreakerState()).toBe("open");

    const started = performance.now();
    const fastFail = await startPurchase();
    const elapsedMs = performance.now() - started;
    expect(fastFail.status).toBe(503);
    expect(elapsedMs).toBeLessThan(50);
    expect(Number(fastFail.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await fastFail.json()).toMatchObject({ error: "payments_unavailable" });

    // The tasks page does not depend on Stripe and renders as usual.
    await expect(TasksPage({ searchParams: Promise.resolve({}) } as never)).resolves.toBeTruthy();
    await waitForRecovery();
  });

  it("stays closed however often one customer retries against a failing Stripe", async () => {
    await newCustomer();
    await stripeDown();
    for (let call = 0; call < env.STRIPE_BREAKER_THRESHOLD * 2; call += 1) {
      expect((await startPurchase()).status).toBe(503);
    }
    expect(stripeBreakerState()).toBe("closed");
    await clearFaults();
    expect((await startPurchase()).status).toBe(200);
  });

  it("backs off and retries on 429 instead of counting it as an outage", async () => {
    await newCustomer();
    await setFaults({ failNext: { count: 1, status: 429, shouldRetry: false } });
    expect((await startPurchase()).status).toBe(200);
    expect(stripeBreakerState()).toBe("closed");
  });
});
