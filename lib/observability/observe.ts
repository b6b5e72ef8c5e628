import "server-only";
import { logger } from "@/lib/observability/logger";
import { metrics, metricsEnabled } from "./metrics";
import { requestContext } from "./request-context";

interface Observed {
  /** A route path (`/api/me`) or an action name (`action:createTask`): few distinct values. */
  route: string;
  method: string;
  requestId: string;
}

/**
 * The shared part of every request, route handler or Server Action: its log lines carry the request
 * id and route, and it ends with one access line and one latency observation labelled with `status`.
 */
export async function observe<T>(
  request: Observed,
  work: () => Promise<T>,
  statusOf: (result: T) => string,
): Promise<T> {
  const started = performance.now();
  return requestContext.run({ requestId: request.requestId, route: request.route }, async () => {
    let status = "500";
    try {
      const result = await work();
      status = statusOf(result);
      return result;
    } finally {
      const durationMs = performance.now() - started;
      if (metricsEnabled)
        metrics.httpDuration.observe({ route: request.route, method: request.method, status }, durationMs / 1_000);
      logger.info({ method: request.method, status, durationMs: Math.round(durationMs) }, "request completed");
    }
  });
}
