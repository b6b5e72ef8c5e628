"use server";

import { headers } from "next/headers";
import { requireUser } from "@/lib/auth/session";
import { findKnownError, type ErrorBody } from "@/lib/errors";
import { clientIp } from "@/lib/security/client-ip";
import { enforceLimit, limitErrors } from "@/lib/security/rate-limit";

/**
 * Fails on purpose, so whoever runs Taskpilot can check that a server error reaches Sentry with the
 * trace of the click that caused it. Signed-in users only, and limited per user and IP: over the limit
 * it answers with a refusal instead of failing.
 */
export async function sendTestErrorAction(): Promise<ErrorBody> {
  const userId = await requireUser();
  try {
    await enforceLimit("testError", { userId, ip: clientIp(await headers()) }, "action:sendTestError");
  } catch (error) {
    const refusal = findKnownError(error, limitErrors);
    if (refusal) return { error: refusal.code, message: refusal.message };
    throw error;
  }
  throw new Error(`Taskpilot test error, sent from the status page by ${userId}`);
}
