import { NextRequest } from "next/server";
import { verifyWebhook } from "@clerk/nextjs/webhooks";
import { forgetUser } from "@/lib/auth/session";
import { applyClerkUserEvent } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { clerkUserEvent, handledClerkEventTypes, profileFromClerkUser } from "@/lib/auth/clerk-webhook";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { recordWebhook } from "@/lib/observability/metrics";
import { webhookRoute } from "@/lib/route-handler";
import { errorResponse } from "@/lib/errors";

/** Clerk user sync: verify the svix signature, then apply each user event exactly once. */
export const POST = webhookRoute("/api/webhooks/clerk", async (request, body) => {
  let event: Awaited<ReturnType<typeof verifyWebhook>>;
  try {
    // webhookRoute has read the body (within its size limit); verifyWebhook reads it again from this copy.
    const delivery = new NextRequest(request.url, { method: request.method, headers: request.headers, body });
    event = await verifyWebhook(delivery, { signingSecret: env.CLERK_WEBHOOK_SIGNING_SECRET });
  } catch {
    recordWebhook("clerk", "rejected");
    return errorResponse({ error: "invalid_signature", message: "The webhook signature could not be verified." }, 400);
  }
  recordWebhook("clerk", "received");
  if (!handledClerkEventTypes.has(event.type)) {
    recordWebhook("clerk", "ignored");
    return Response.json({ status: "ignored" });
  }

  const parsed = clerkUserEvent.safeParse(event);
  if (!parsed.success) {
    recordWebhook("clerk", "rejected");
    return errorResponse({ error: "invalid_payload", message: "The event does not have the expected shape." }, 400);
  }
  // The svix id is covered by the signature, so it is a trustworthy delivery id.
  const id = request.headers.get("svix-id") as string;
  const { type, data } = parsed.data;
  const outcome = await applyClerkUserEvent(
    db,
    type === "user.deleted"
      ? { id, type, userId: data.id }
      : { id, type, userId: data.id, profile: profileFromClerkUser(data) },
  );
  if (type === "user.deleted") forgetUser(data.id);
  recordWebhook("clerk", outcome === "applied" ? "processed" : outcome);
  logger.info({ webhook: "clerk", type, userId: data.id, outcome }, "clerk webhook");
  return Response.json({ status: outcome });
});
