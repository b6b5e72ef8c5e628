import { z } from "zod";
import { sql } from "../../../lib/db";

export const dynamic = "force-dynamic";

const eventSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  data: z.object({ object: z.object({ id: z.string().min(1) }) }),
});

// The statement Drizzle sends for the product's recordStripeEvent (lib/payments/stripe-events.ts), text for text.
const insertSql =
  'insert into "stripe_events" ("id", "type", "object_id", "received_at", "processed_at", "attempts", "last_error") ' +
  "values ($1, $2, $3, default, default, $4, default) " +
  'on conflict ("id") do update set "attempts" = "stripe_events"."attempts" + 1 returning "processed_at"';

/** The product's Stripe webhook minus everything but the dedupe INSERT: no signature, no sync, no transaction. */
export async function POST(request: Request) {
  const event = eventSchema.parse(await request.json());
  await sql().unsafe(insertSql, [event.id, event.type, event.data.object.id, 1]);
  return Response.json({ received: true });
}
