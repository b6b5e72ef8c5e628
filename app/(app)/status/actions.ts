"use server";

import { headers } from "next/headers";
import { operatorErrors, requireOperator } from "@/lib/auth/operator";
import { findKnownError, type ErrorBody } from "@/lib/errors";
import { recordSecurityEvent } from "@/lib/observability/metrics";
import { clientIp } from "@/lib/security/client-ip";
import { enforceLimit, limitErrors } from "@/lib/security/rate-limit";

/**
 * Fails on purpose, so whoever runs Taskpilot can check that a server error reaches Sentry with the
 * trace of the click that caused it. Operators only, and limited per user and IP: anyone else, or over
 * the limit, gets a refusal instead of a failure, so nothing reaches Sentry.
 */
export async function sendTestErrorAction(): Promise<ErrorBody> {
  let userId: string;
  try {
    userId = await requireOperator();
  } catch (error) {
    const refusal = findKnownError(error, operatorErrors);
    if (!refusal) throw error;
    recordSecurityEvent(refusal.code, "action:sendTestError");
    return { error: refusal.code, message: refusal.message };
  }
  try {
    await enforceLimit("testError", { userId, ip: clientIp(await headers()) }, "action:sendTestError");
  } catch (error) {
    const refusal = findKnownError(error, limitErrors);
    if (refusal) return { error: refusal.code, message: refusal.message };
    throw error;
  }
  throw new Error(`Taskpilot test error, sent from the status page by ${userId}`);
}
