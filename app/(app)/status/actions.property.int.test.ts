import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { UnauthorizedError } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { session } from "@/tests/support/clerk-session";
import { tasksChecksum } from "@/tests/support/tasks-checksum";
import { forwardedFor, headersOf, hostileHeaderPairs, hostileJson, hostileText } from "@/tests/support/hostile";
import { sendTestErrorAction } from "./actions";

/*
 * The test-error action takes nothing, but a forged call can send it anything, with any headers. It
 * must fail only the way it means to (the test error for a signed-in operator, unauthorized when signed out) and
 * write nothing. Only Clerk's auth() and the incoming headers (which need a running server) are faked.
 */
vi.mock("@clerk/nextjs/server", () => import("@/tests/support/clerk-session").then((m) => m.clerkServer()));
const incoming = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => incoming.headers }));

const numRuns = 1_000;
let caller: string;

beforeAll(async () => {
  caller = `user_te_${randomUUID().replaceAll("-", "")}`;
  await db.insert(users).values({ id: caller });
});

describe(`the test-error action survives ${numRuns} forged calls`, () => {
  it("sendTestErrorAction", async () => {
    const input = fc.record({
      signedIn: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      args: fc.array(fc.oneof(hostileJson, hostileText, fc.constant(undefined)), { maxLength: 3 }),
      pairs: hostileHeaderPairs,
      ip: forwardedFor,
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ signedIn, args, pairs, ip }) => {
        session.userId = signedIn ? caller : null;
        session.publicMetadata = { role: "operator" };
        incoming.headers = headersOf([...pairs, ["x-forwarded-for", ip]]);
        const before = await tasksChecksum([caller]);
        const forged = sendTestErrorAction as (...forgedArgs: unknown[]) => Promise<unknown>;
        const failure = await forged(...args).then(
          (answer) => ({ answered: answer }),
          (error: unknown) => error,
        );
        if (signedIn) expect(failure).toBeInstanceOf(Error);
        if (signedIn)
          expect((failure as Error).message).toBe(`Taskpilot test error, sent from the status page by ${caller}`);
        else expect(failure).toBeInstanceOf(UnauthorizedError);
        expect(await tasksChecksum([caller])).toEqual(before);
      }),
      { numRuns },
    );
  });
});
