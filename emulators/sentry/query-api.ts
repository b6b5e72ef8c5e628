import { z } from "zod";
import type { JsonResponse } from "./responses";
import type { TelemetryRecord, TelemetryStore } from "./store";

/**
 * JSON API for tests: what the app sent, grouped by trace. Trace ids are compared in lowercase, the
 * form the store keeps.
 */

export const traceIdSchema = z
  .string()
  .regex(/^[0-9a-f]{32}$/i, "trace id must be 32 hex characters")
  .transform((id) => id.toLowerCase());

const listQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
const eventsQuerySchema = z.object({ trace_id: traceIdSchema.optional() });

/** Answers the query routes; undefined means the route is not one of them. */
export function queryApi(method: string, url: URL, store: TelemetryStore): JsonResponse | undefined {
  const { pathname } = url;
  const query = Object.fromEntries(url.searchParams);

  if (method === "GET" && pathname === "/api/traces") {
    const parsed = listQuerySchema.safeParse(query);
    if (!parsed.success) return badRequest(parsed.error);
    return { status: 200, body: { traces: store.traces(parsed.data.limit) } };
  }

  const traceMatch = /^\/api\/traces\/([^/]+)$/.exec(pathname);
  if (method === "GET" && traceMatch) {
    const traceId = traceIdSchema.safeParse(traceMatch[1]);
    if (!traceId.success) return badRequest(traceId.error);
    // An unknown trace is an empty one, not a 404: tests poll here until the SDK has flushed.
    return {
      status: 200,
      body: { traceId: traceId.data, items: store.trace(traceId.data).map((record) => toJson(record)) },
    };
  }

  if (method === "GET" && pathname === "/api/events") {
    const parsed = eventsQuerySchema.safeParse(query);
    if (!parsed.success) return badRequest(parsed.error);
    return { status: 200, body: { events: store.errors(parsed.data.trace_id).map((record) => toJson(record, true)) } };
  }

  if (method === "GET" && pathname === "/api/stats") {
    return { status: 200, body: { itemsReceivedByType: store.itemCountsByType() } };
  }

  if (method === "DELETE" && pathname === "/api/store") {
    store.reset();
    return { status: 204 };
  }

  return undefined;
}

export function durationMs(record: TelemetryRecord): number | undefined {
  if (record.startTimestamp === undefined || record.endTimestamp === undefined) return undefined;
  return Math.round((record.endTimestamp - record.startTimestamp) * 1000 * 100) / 100;
}

function toJson(record: TelemetryRecord, withEvent = false) {
  const { error, ...rest } = record;
  return {
    ...rest,
    durationMs: durationMs(record),
    ...(error && {
      eventId: error.eventId,
      level: error.level,
      message: error.message,
      exceptionType: error.exceptionType,
      ...(withEvent && { event: error.event }),
    }),
  };
}

function badRequest(error: z.ZodError): JsonResponse {
  return { status: 400, body: { error: "invalid request", issues: z.flattenError(error) } };
}
