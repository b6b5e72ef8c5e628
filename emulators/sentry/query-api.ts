import { Hono } from "hono";
import { z } from "zod";
import { parseInput } from "../shared/request-input";
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

export function queryApi(store: TelemetryStore): Hono {
  return new Hono()
    .get("/api/traces", (c) => {
      const { limit } = parseInput(listQuerySchema, c.req.query());
      return c.json({ traces: store.traces(limit) });
    })
    .get("/api/traces/:traceId", (c) => {
      const traceId = parseInput(traceIdSchema, c.req.param("traceId"));
      // An unknown trace is an empty one, not a 404: tests poll here until the SDK has flushed.
      return c.json({ traceId, items: store.trace(traceId).map((record) => toJson(record)) });
    })
    .get("/api/events", (c) => {
      const { trace_id: traceId } = parseInput(eventsQuerySchema, c.req.query());
      return c.json({ events: store.errors(traceId).map((record) => toJson(record, true)) });
    })
    .get("/api/stats", (c) => c.json({ itemsReceivedByType: store.itemCountsByType() }))
    .delete("/api/store", (c) => {
      store.reset();
      return c.body(null, 204);
    });
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
