"use server";

import { requireUser } from "@/lib/auth/session";

/**
 * Fails on purpose, so whoever runs Taskpilot can check that a server error reaches Sentry with the
 * trace of the click that caused it. Signed-in users only.
 */
export async function sendTestErrorAction(): Promise<never> {
  const userId = await requireUser();
  throw new Error(`Taskpilot test error, sent from the status page by ${userId}`);
}
