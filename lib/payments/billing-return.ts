import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { enforceLimit, LimitsUnavailableError, RateLimitedError } from "@/lib/security/rate-limit";
import { withTimeout } from "@/lib/timeout";
import { findOrderByPaymentIntent, unfinishedStatuses } from "./orders";
import { syncPaymentIntent } from "./sync";
import type { OrderStatus } from "./types";

const returnParams = z.object({ payment_intent: z.string().regex(/^pi_\w+$/) });

export interface ReturnedPayment {
  status: OrderStatus;
  /** Stripe did not answer within the budget: the page says so and looks again shortly. */
  confirming: boolean;
}

/**
 * On return from Stripe, syncs the person's own order at once instead of waiting for the webhook, but
 * only while it is unfinished and only for BILLING_SYNC_BUDGET_MS. Past the budget the sync goes on in
 * the background (reloads join it rather than calling Stripe again) and the stored status is shown.
 * Each read counts against the billing-sync abuse limit; over it (or with the limits unreadable) the
 * stored status is shown as "confirming" without asking Stripe, and the webhook brings the outcome.
 */
export async function syncReturnedPayment(
  userId: string,
  searchParams: unknown,
  ip: string | null,
): Promise<ReturnedPayment | null> {
  const parsed = returnParams.safeParse(searchParams);
  if (!parsed.success) return null;
  const order = await findOrderByPaymentIntent(db, userId, parsed.data.payment_intent);
  if (!order) return null;
  if (!unfinishedStatuses.includes(order.status)) return { status: order.status, confirming: false };
  try {
    await enforceLimit("billingSync", { userId, ip }, "/billing");
  } catch (error) {
    if (error instanceof RateLimitedError || error instanceof LimitsUnavailableError) {
      return { status: order.status, confirming: true };
    }
    throw error;
  }
  try {
    const result = await withTimeout(syncPaymentIntent(parsed.data.payment_intent), env.BILLING_SYNC_BUDGET_MS);
    return { status: result.status === "synced" ? result.orderStatus : order.status, confirming: false };
  } catch (error) {
    logger.warn({ userId, err: error instanceof Error ? error.message : String(error) }, "billing return sync pending");
    return { status: order.status, confirming: true };
  }
}
