import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { db } from "@/lib/db";
import { metrics } from "@/lib/observability/metrics";
import { session } from "@/tests/support/clerk-session";
import { sendTestErrorAction } from "./actions";

vi.mock("@clerk/nextjs/server", () => import("@/tests/support/clerk-session").then((m) => m.clerkServer()));
const incoming = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => incoming.headers }));

let userId: string;

beforeAll(async () => {
  userId = `user_tea_${randomUUID().replaceAll("-", "")}`;
  await db.insert(users).values({ id: userId });
});

beforeEach(() => {
  session.userId = userId;
  incoming.headers = new Headers({ "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250) + 1}` });
});

describe("sendTestErrorAction is for operators only", () => {
  it("fails on purpose for an operator", async () => {
    session.publicMetadata = { role: "operator" };
    await expect(sendTestErrorAction()).rejects.toThrow(`Taskpilot test error, sent from the status page by ${userId}`);
  });

  // Errors reach Sentry when an action throws (Next's onRequestError); a refusal is an answer, not a throw.
  it("answers a signed-in customer with a forbidden refusal instead of failing", async () => {
    session.publicMetadata = {};
    const forbidden = async () =>
      (await metrics.securityEvents.get()).values.find(
        (value) => value.labels.reason === "forbidden" && value.labels.route === "action:sendTestError",
      )?.value ?? 0;
    const before = await forbidden();
    await expect(sendTestErrorAction()).resolves.toEqual({
      error: "forbidden",
      message: "Only operators can do this.",
    });
    expect(await forbidden()).toBe(before + 1);
  });
});
