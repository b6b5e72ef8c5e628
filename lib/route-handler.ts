import "server-only";
import { requireUser, sessionErrors } from "@/lib/auth/session";
import { errorResponse, findKnownError, type KnownError } from "@/lib/errors";
import { observe } from "@/lib/observability/observe";
import { requestIdFrom } from "@/lib/observability/request-context";

type Handler = (request: Request) => Promise<Response>;
type AuthedHandler = (userId: string, request: Request) => Promise<Response>;

/**
 * Every route handler runs through this: it carries the request id (echoed in x-request-id), tags
 * the request's log lines, records one access line and one latency observation per request, and
 * answers the errors in `knownErrors` with their status and a JSON error body.
 */
export function route(name: string, handler: Handler, knownErrors: readonly KnownError[] = []) {
  const answer = async (request: Request): Promise<Response> => {
    try {
      return await handler(request);
    } catch (error) {
      const refusal = findKnownError(error, knownErrors);
      if (!refusal) throw error;
      return errorResponse({ error: refusal.code, message: refusal.message }, refusal.status);
    }
  };
  return async (request: Request): Promise<Response> => {
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

/**
 * A route handler that needs a signed-in user. The proxy already refuses anonymous API calls; this
 * checks again at the handler, so a route stays protected even if the proxy's matcher changes.
 */
export function withUser(name: string, handler: AuthedHandler, knownErrors: readonly KnownError[] = []) {
  return route(name, async (request) => handler(await requireUser(), request), [...sessionErrors, ...knownErrors]);
}
