import "server-only";
import { requireUser, UnauthorizedError } from "@/lib/auth";
import { logger } from "@/lib/logger";
import { metrics, metricsEnabled } from "@/lib/observability/metrics";
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
    const started = performance.now();
    return requestContext.run({ requestId, route: name }, async () => {
      let status = 500;
      try {
        const response = await handler(request);
        status = response.status;
        response.headers.set("x-request-id", requestId);
        return response;
      } finally {
        const durationMs = performance.now() - started;
        if (metricsEnabled) metrics.httpDuration.observe({ route: name, method: request.method, status: String(status) }, durationMs / 1_000);
        logger.info({ method: request.method, status, durationMs: Math.round(durationMs) }, "request completed");
      }
    });
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
