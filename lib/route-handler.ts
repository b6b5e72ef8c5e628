import "server-only";
import { requireUser, UnauthorizedError } from "@/lib/auth";
import { observe } from "@/lib/observability/observe";
import { requestContext, requestIdFrom } from "@/lib/observability/request-context";

type Handler = (request: Request) => Promise<Response>;
type AuthedHandler = (userId: string, request: Request) => Promise<Response>;

/**
 * Every route handler runs through this: it carries the request id (echoed in x-request-id), tags
 * the request's log lines, and records one access line and one latency observation per request.
 */
export function route(name: string, handler: Handler) {
  return async (request: Request): Promise<Response> => {
    const requestId = requestIdFrom(request.headers);
    const response = await observe(
      { route: name, method: request.method, requestId },
      () => handler(request),
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
export function withUser(name: string, handler: AuthedHandler) {
  return route(name, async (request) => {
    let userId: string;
    try {
      userId = await requireUser();
    } catch (error) {
      if (error instanceof UnauthorizedError) {
        return Response.json({ error: "unauthorized", message: error.message }, { status: 401 });
      }
      throw error;
    }
    requestContext.setUser(userId);
    return handler(userId, request);
  });
}
