import "server-only";
import { auth, createClerkClient } from "@clerk/nextjs/server";
import * as Sentry from "@sentry/nextjs";
import { cache } from "react";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { knownError } from "@/lib/errors";
import { logger } from "@/lib/observability/logger";
import { recordExternalCall } from "@/lib/observability/metrics";
import { requestContext } from "@/lib/observability/request-context";
import { singleton } from "@/lib/singleton";
import { withTimeout } from "@/lib/timeout";
import { ensureUser, updateUserProfile, type UserProfile } from "./users";

/** Thrown when a request has no valid session; routes turn it into 401, pages into a sign-in redirect. */
export class UnauthorizedError extends Error {
  readonly status = 401;
  constructor() {
    super("You need to be signed in.");
    this.name = "UnauthorizedError";
  }
}

/** How Server Actions and route handlers answer a request without a session. */
export const sessionErrors = [
  knownError(UnauthorizedError, "unauthorized", 401, "Your session has ended. Sign in again to continue."),
];

const clerk = createClerkClient({
  secretKey: env.CLERK_SECRET_KEY,
  publishableKey: env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
  apiUrl: env.CLERK_API_URL,
  jwtKey: env.CLERK_JWT_KEY,
});

const profileTimeoutMs = 2_000;

/** Name and primary email from Clerk's Backend API, or null when Clerk does not answer in time. */
async function fetchProfile(userId: string): Promise<UserProfile | null> {
  return Sentry.startSpan({ name: "clerk users.getUser", op: "http.client.clerk" }, async () => {
    const started = performance.now();
    let outcome = "ok";
    try {
      const user = await withTimeout(clerk.users.getUser(userId), profileTimeoutMs);
      return {
        email: user.primaryEmailAddress?.emailAddress ?? null,
        name: user.fullName,
        updatedAt: new Date(user.updatedAt),
      };
    } catch (error) {
      outcome = "error";
      logger.warn(
        { userId, err: error instanceof Error ? error.message : String(error) },
        "clerk profile fetch failed",
      );
      return null;
    } finally {
      const durationMs = Math.round(performance.now() - started);
      recordExternalCall("clerk", "users.getUser", outcome, durationMs);
      // A best-effort enrichment: no retries, the webhook fills the profile in later if this fails.
      logger.info({ service: "clerk", operation: "users.getUser", outcome, durationMs, retries: 0 }, "external call");
    }
  });
}

/**
 * Clerk's auth state for this request, read once per render: each read decrypts and re-checks the
 * headers the middleware signed, and a page asks in its layout and again in its data access.
 */
export const sessionAuth = cache(() => auth());

/**
 * The signed-in user's id, or null. Verification is networkless: the middleware checked the token
 * with CLERK_JWT_KEY.
 */
export async function currentUserId(): Promise<string | null> {
  const { userId } = await sessionAuth();
  return userId;
}

/**
 * Users whose row this process has already ensured, so a signed-in request costs no write. Bounded:
 * when full it starts over, which only means one more idempotent insert per user.
 */
const ensuredUsers = singleton("ensured-users", () => new Set<string>());
const ensuredUsersLimit = 10_000;

/** Called when a user is deleted, so a later request for the same id ensures its row again. */
export function forgetUser(userId: string): void {
  ensuredUsers.delete(userId);
}

/**
 * The one session seam for pages, Server Actions and route handlers. Tags the request's log lines with
 * the user and ensures the user's row exists; the first time, fills in name and email from Clerk
 * (webhooks keep them current after).
 */
export async function requireUser(): Promise<string> {
  const userId = await currentUserId();
  if (!userId) throw new UnauthorizedError();
  requestContext.setUser(userId);
  if (ensuredUsers.has(userId)) return userId;
  const row = await ensureUser(db, userId);
  if (row === "deleted") throw new UnauthorizedError();
  if (row === "created") {
    const profile = await fetchProfile(userId);
    if (profile) await updateUserProfile(db, userId, profile);
  }
  if (ensuredUsers.size >= ensuredUsersLimit) ensuredUsers.clear();
  ensuredUsers.add(userId);
  return userId;
}
