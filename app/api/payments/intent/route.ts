import { z } from "zod";
import { paymentErrorResponse, paymentsUnavailable } from "@/lib/payments/error-response";
import { startProUpgrade } from "@/lib/payments/upgrade";
import { withUser } from "@/lib/route-handler";
import { clientIp } from "@/lib/security/client-ip";
import { enforceLimit } from "@/lib/security/rate-limit";
import { readBodyUpTo } from "@/lib/security/request-body";
import { stripeBreakerState } from "@/lib/stripe/call";
import { errorResponse, type FieldErrors } from "@/lib/errors";

// Nothing to choose: the price is the server's. An amount or anything else in the body is refused.
const body = z.object({}).strict();

const conflicts = {
  already_pro: "Your account is already Pro.",
  payment_disputed: "A dispute on an earlier payment is open. Pro comes back if it is resolved in your favour.",
  payment_in_progress: "A payment for this upgrade is already being processed. Check the billing page for its status.",
} as const;

/** The body is at most `{}`; anything much longer is refused before it is buffered. */
const bodyLimitBytes = 1024;

/** Creates or resumes the Pro purchase and returns what the Payment Element needs. */
export const POST = withUser("/api/payments/intent", async (userId, request) => {
  await enforceLimit("paymentIntent", { userId, ip: clientIp(request.headers) }, "/api/payments/intent");
  const text = await readBodyUpTo(request, bodyLimitBytes);
  if (text === null) {
    return errorResponse({ error: "body_too_large", message: "This endpoint takes no parameters." }, 413);
  }
  let json: unknown = {};
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    return errorResponse({ error: "invalid_json", message: "The request body is not valid JSON." }, 400);
  }
  const parsed = body.safeParse(json);
  if (!parsed.success) {
    return errorResponse(
      {
        error: "invalid_request",
        message: "This endpoint takes no parameters.",
        fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors,
      },
      400,
    );
  }
  // Fail fast while Stripe is known to be down, before touching the database.
  if (stripeBreakerState() === "open") return paymentsUnavailable();

  try {
    const result = await startProUpgrade(userId);
    if (!result.ok) return errorResponse({ error: result.error, message: conflicts[result.error] }, 409);
    return Response.json(
      { clientSecret: result.clientSecret, orderId: result.orderId },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    return paymentErrorResponse(error);
  }
});
