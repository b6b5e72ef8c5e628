import "server-only";
import { count, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { stripeEvents } from "@/db/schema";

/**
 * Records a delivery and counts the attempt. ON CONFLICT keeps the first row, so a duplicate learns
 * whether the event was already processed; an unprocessed one (an earlier attempt failed) runs again.
 */
export async function recordStripeEvent(
  db: Db,
  event: {
    id: string;
    type: string;
    objectId: string;
  },
): Promise<{ alreadyProcessed: boolean }> {
  const [row] = await db
    .insert(stripeEvents)
    .values({ id: event.id, type: event.type, objectId: event.objectId, attempts: 1 })
    .onConflictDoUpdate({ target: stripeEvents.id, set: { attempts: sql`${stripeEvents.attempts} + 1` } })
    .returning({ processedAt: stripeEvents.processedAt });
  return { alreadyProcessed: Boolean(row?.processedAt) };
}

export async function markStripeEventProcessed(db: Db, eventId: string): Promise<void> {
  await db.update(stripeEvents).set({ processedAt: new Date(), lastError: null }).where(eq(stripeEvents.id, eventId));
}

export async function markStripeEventFailed(db: Db, eventId: string, error: string): Promise<void> {
  await db
    .update(stripeEvents)
    .set({ lastError: error.slice(0, 500) })
    .where(eq(stripeEvents.id, eventId));
}

/** Events received but not yet processed: the webhook backlog shown on /status. */
export async function countUnprocessedStripeEvents(db: Db): Promise<number> {
  const [row] = await db.select({ value: count() }).from(stripeEvents).where(isNull(stripeEvents.processedAt));
  return row?.value ?? 0;
}
