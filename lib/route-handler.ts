import "server-only";
import * as Sentry from "@sentry/nextjs";
import { unstable_rethrow } from "next/navigation";
import { requireUser, sessionErrors } from "@/lib/auth/session";
import { errorResponse, findKnownError, type KnownError } from "@/lib/errors";
import { logger } from "@/lib/observability/logger";
import { recordSecurityEvent } from "@/lib/observability/metrics";
import { observe } from "@/lib/observability/observe";
import { requestIdFrom } from "@/lib/observability/request-context";
import { clientIp } from "@/lib/security/client-ip";
import { changesState, isSameOrigin } from "@/lib/security/origin";
import { enforceLimit, limitErrors, type LimitBucket } from "@/lib/security/rate-limit";
import { readBodyUpTo } from "@/lib/security/request-body";

type Handler = (request: Request) => Promise<Response>;
type AuthedHandler = (userId: string, request: Request) => Promise<Response>;
type BodyHandler = (request: Request, body: string) => Promise<Response>;

/** Stripe's and Clerk's events are a few KB; a body anywhere near this did not come from them. */
export const webhookBodyLimitBytes = 64 * 1024;
/** A CSP violation report is under 2 KB; this fits a browser's batch of a dozen. */
export const reportBodyLimitBytes = 32 * 1024;

/**
 * Known refusals become their status and JSON body (429 and 503 with Retry-After); 401s and 403s are
 * counted as security events. Anything else is a
 * bug: reported to Sentry and logged here, answered with a JSON body that says nothing about it (never
 * a stack trace). Next.js's own control-flow errors (redirect, notFound, dynamic rendering) pass through.
 */
function answerError(name: string, error: unknown, knownErrors: readonly KnownError[]): Response {
  unstable_rethrow(error);
  const refusal = findKnownError(error, [...limitErrors, ...knownErrors]);
  if (refusal) {
    // 429s are counted where the limit is enforced.
    if (refusal.status === 401 || refusal.status === 403) recordSecurityEvent(refusal.code, name);
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    const headers = typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : undefined;
    return errorResponse({ error: refusal.code, message: refusal.message }, refusal.status, headers);
  }
  Sentry.captureException(error);
  logger.error({ err: error instanceof Error ? error.message : String(error) }, "route handler failed");
  return errorResponse(
    { error: "internal_error", message: "Something went wrong on our side. Please try again." },
    500,
  );
}

function refuse(name: string, reason: string, status: number, message: string, details: object = {}): Response {
  recordSecurityEvent(reason, name);
  logger.warn({ reason, ...details }, "request refused");
  return errorResponse({ error: reason, message }, status);
}

/** The request's span is named by its method alone until the route is known (a name must stay low-cardinality). */
function nameRequestSpan(spanName: string): void {
  const active = Sentry.getActiveSpan();
  if (active) Sentry.updateSpanName(Sentry.getRootSpan(active), spanName);
}

/**
 * What every route handler shares: the request id (echoed in x-request-id) on its log lines, one access
 * line and one latency observation, and JSON for every refusal and failure. With `ownOriginOnly`, a
 * request that changes state must carry the app's own Origin.
 */
function serve(
  name: string,
  handler: Handler,
  knownErrors: readonly KnownError[],
  options: { ownOriginOnly: boolean },
) {
  const answer = async (request: Request): Promise<Response> => {
    if (options.ownOriginOnly && changesState(request.method) && !isSameOrigin(request.headers)) {
      const origin = request.headers.get("origin");
      return refuse(name, "origin_refused", 403, "This request must come from Taskpilot's own pages.", {
        origin: origin?.slice(0, 200) ?? null,
      });
    }
    try {
      return await handler(request);
    } catch (error) {
      return answerError(name, error, knownErrors);
    }
  };
  return async (request: Request): Promise<Response> => {
    nameRequestSpan(`${request.method} ${name}`);
    const requestId = requestIdFrom(request.headers);
    const response = await observe(
      { route: name, method: request.method, requestId },
      () => answer(request),
      (result) => String(result.status),
    );
    response.headers.set("x-request-id", requestId);
    return response;
  };
}

/** A route handler; refuse with `errorResponse()` or by throwing one of `knownErrors`. */
export function route(name: string, handler: Handler, knownErrors: readonly KnownError[] = []) {
  return serve(name, handler, knownErrors, { ownOriginOnly: true });
}

/**
 * A route handler that needs a signed-in user. The proxy already refuses anonymous API calls; this
 * checks again at the handler, so a route stays protected even if the proxy's matcher changes.
 */
export function withUser(name: string, handler: AuthedHandler, knownErrors: readonly KnownError[] = []) {
  return route(name, async (request) => handler(await requireUser(), request), [...sessionErrors, ...knownErrors]);
}

/**
 * Hands the handler the raw body, of at most `maxBytes`: a larger Content-Length is refused with 413 before
 * anything is read, and a body without one is cut off with 413 as soon as it passes the limit. The request
 * counts against the bucket's per-IP limit before its body is read.
 */
function withBodyLimit(
  name: string,
  limit: { maxBytes: number; bucket: LimitBucket; what: string },
  handler: BodyHandler,
): Handler {
  const tooLarge = () =>
    refuse(name, "body_too_large", 413, `${limit.what} are limited to ${limit.maxBytes / 1024} KB.`);
  return async (request) => {
    if (Number(request.headers.get("content-length")) > limit.maxBytes) return tooLarge();
    await enforceLimit(limit.bucket, { ip: clientIp(request.headers) }, name);
    const body = await readBodyUpTo(request, limit.maxBytes);
    return body === null ? tooLarge() : handler(request, body);
  };
}

/**
 * A webhook receiver: no Origin check (the handler verifies the sender's signature), a generous per-IP
 * limit, and a body of at most 64 KB. The handler gets the raw body, which signatures are computed on.
 */
export function webhookRoute(name: string, handler: BodyHandler) {
  const limit = { maxBytes: webhookBodyLimitBytes, bucket: "webhooks", what: "Webhook bodies" } as const;
  return serve(name, withBodyLimit(name, limit, handler), [], { ownOriginOnly: false });
}

/**
 * A receiver for reports that browsers send on their own (CSP violations): no Origin check, since a report
 * comes from whichever page the violation happened on, or with none; a per-IP limit; a body of at most
 * 32 KB.
 */
export function reportRoute(name: string, handler: BodyHandler) {
  const limit = { maxBytes: reportBodyLimitBytes, bucket: "cspReports", what: "Reports" } as const;
  return serve(name, withBodyLimit(name, limit, handler), [], { ownOriginOnly: false });
}
