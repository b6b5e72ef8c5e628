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
import { enforceLimit, limitErrors } from "@/lib/security/rate-limit";
import { readBodyUpTo } from "@/lib/security/request-body";

type Handler = (request: Request) => Promise<Response>;
type AuthedHandler = (userId: string, request: Request) => Promise<Response>;
type WebhookHandler = (request: Request, body: string) => Promise<Response>;

/** Stripe's and Clerk's events are a few KB; a body anywhere near this did not come from them. */
export const webhookBodyLimitBytes = 64 * 1024;

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
 * line and one latency observation, and JSON for every refusal and failure. Unless `signed` (webhooks,
 * which prove themselves by signature), a request that changes state must carry the app's own Origin.
 */
function serve(name: string, handler: Handler, knownErrors: readonly KnownError[], options: { signed: boolean }) {
  const answer = async (request: Request): Promise<Response> => {
    if (!options.signed && changesState(request.method) && !isSameOrigin(request.headers)) {
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
  return serve(name, handler, knownErrors, { signed: false });
}

/**
 * A route handler that needs a signed-in user. The proxy already refuses anonymous API calls; this
 * checks again at the handler, so a route stays protected even if the proxy's matcher changes.
 */
export function withUser(name: string, handler: AuthedHandler, knownErrors: readonly KnownError[] = []) {
  return route(name, async (request) => handler(await requireUser(), request), [...sessionErrors, ...knownErrors]);
}

/**
 * A webhook receiver: no Origin check (the handler verifies the sender's signature), a generous per-IP
 * limit, and a body of at most 64 KB, refused with 413 from its Content-Length before anything is read
 * and while streaming when it has none. The handler gets the raw body, which signatures are computed on.
 */
export function webhookRoute(name: string, handler: WebhookHandler) {
  const tooLarge = () =>
    refuse(name, "body_too_large", 413, `Webhook bodies are limited to ${webhookBodyLimitBytes / 1024} KB.`);
  return serve(
    name,
    async (request) => {
      if (Number(request.headers.get("content-length")) > webhookBodyLimitBytes) return tooLarge();
      await enforceLimit("webhooks", { ip: clientIp(request.headers) }, name);
      const body = await readBodyUpTo(request, webhookBodyLimitBytes);
      return body === null ? tooLarge() : handler(request, body);
    },
    [],
    { signed: true },
  );
}
