import { z } from "zod";
import { EnvelopeError, parseJsonPayload, type Envelope, type EnvelopeItem } from "./envelope";
import type { Origin, TelemetryRecord } from "./store";

/**
 * Turns envelope items into flat telemetry records. Field schemas `.catch(undefined)`: SDK versions
 * differ in detail, and a field of an unexpected type should cost that field, not the whole event.
 * Only an item that is not a JSON object at all is rejected.
 */

const text = z.string().optional().catch(undefined);
const seconds = z
  .union([z.number(), z.string().transform((value) => Date.parse(value) / 1000)])
  .pipe(z.number().finite())
  .optional()
  .catch(undefined);
const dictionary = z.record(z.string(), z.unknown()).optional().catch(undefined);
const sdkSchema = z
  .looseObject({
    name: text,
    packages: z
      .array(z.looseObject({ name: text }))
      .optional()
      .catch(undefined),
  })
  .optional()
  .catch(undefined);

const spanSchema = z.looseObject({
  trace_id: text,
  span_id: text,
  parent_span_id: text,
  op: text,
  name: text,
  description: text,
  status: text,
  start_timestamp: seconds,
  // Streamed (v2) spans say end_timestamp; spans nested in transactions say timestamp.
  end_timestamp: seconds,
  timestamp: seconds,
  attributes: dictionary,
  data: dictionary,
});

const traceContextSchema = z
  .looseObject({ trace_id: text, span_id: text, parent_span_id: text, op: text, status: text, data: dictionary })
  .optional()
  .catch(undefined);

const messageSchema = z.looseObject({ formatted: text, message: text });

const eventSchema = z.looseObject({
  type: text,
  event_id: text,
  platform: text,
  level: text,
  transaction: text,
  timestamp: seconds,
  start_timestamp: seconds,
  message: z.union([z.string(), messageSchema]).optional().catch(undefined),
  logentry: messageSchema.optional().catch(undefined),
  exception: z
    .looseObject({
      values: z
        .array(z.looseObject({ type: text, value: text }))
        .optional()
        .catch(undefined),
    })
    .optional()
    .catch(undefined),
  tags: dictionary,
  contexts: z.looseObject({ trace: traceContextSchema }).optional().catch(undefined),
  sdk: sdkSchema,
  spans: z.array(z.unknown()).optional().catch(undefined),
});

/** What the request says about its sender, beyond the envelope itself. */
export interface RequestContext {
  receivedAt: number;
  /** Browsers always send an Origin header on these cross-origin POSTs; Node's SDK never does. */
  hasOriginHeader: boolean;
}

interface Sender {
  origin: Origin;
  sdkName?: string;
}

export function recordsFromItem(item: EnvelopeItem, envelope: Envelope, request: RequestContext): TelemetryRecord[] {
  switch (item.header.type) {
    case "event":
    case "transaction":
      return recordsFromEvent(item, envelope, request);
    case "span":
    case "spans":
      return spanList(parseJsonPayload(item)).flatMap((raw) =>
        spanRecord(raw, request.receivedAt, (attributes) =>
          senderOf({ sdkName: stringAt(attributes, "sentry.sdk.name") ?? envelope.header.sdk?.name }, request),
        ),
      );
    default:
      return [];
  }
}

function recordsFromEvent(item: EnvelopeItem, envelope: Envelope, request: RequestContext): TelemetryRecord[] {
  const raw = parseJsonPayload(item);
  const parsed = eventSchema.safeParse(raw);
  if (!parsed.success) throw new EnvelopeError(`item of type ${item.header.type} is not a JSON object`);
  const event = parsed.data;
  const trace = event.contexts?.trace;
  const traceId = normalizeTraceId(trace?.trace_id);
  if (!traceId) return [];
  const sender = senderOf(
    {
      sdkName: event.sdk?.name ?? envelope.header.sdk?.name,
      packages: event.sdk?.packages?.map((pkg) => pkg.name ?? ""),
      platform: event.platform,
    },
    request,
  );
  const base = {
    traceId,
    spanId: trace?.span_id,
    parentSpanId: trace?.parent_span_id,
    ...sender,
    receivedAt: request.receivedAt,
  };

  // The legacy store endpoint sends transactions as plain events marked by `type`.
  if (item.header.type !== "transaction" && event.type !== "transaction") {
    const exception = event.exception?.values?.at(-1);
    const message =
      (exception && [exception.type, exception.value].filter(Boolean).join(": ")) ||
      event.logentry?.formatted ||
      event.logentry?.message ||
      (typeof event.message === "string" ? event.message : (event.message?.formatted ?? event.message?.message));
    return [
      {
        ...base,
        kind: "error",
        name: message,
        attributes: event.tags ?? {},
        startTimestamp: event.timestamp,
        // The raw event, not the parsed one: the schema blanked fields it could not read.
        error: {
          eventId: event.event_id,
          level: event.level,
          message,
          exceptionType: exception?.type,
          event: raw as Record<string, unknown>,
        },
      },
    ];
  }

  const transaction: TelemetryRecord = {
    ...base,
    kind: "transaction",
    op: trace?.op,
    name: event.transaction ?? trace?.op,
    status: trace?.status,
    attributes: trace?.data ?? {},
    startTimestamp: event.start_timestamp,
    endTimestamp: event.timestamp,
  };
  const children = (event.spans ?? []).flatMap((span) =>
    spanRecord(isObject(span) ? { trace_id: traceId, ...span } : span, request.receivedAt, () => sender),
  );
  return [transaction, ...children];
}

function spanRecord(
  raw: unknown,
  receivedAt: number,
  senderFor: (attributes: Record<string, unknown>) => Sender,
): TelemetryRecord[] {
  const parsed = spanSchema.safeParse(raw);
  const traceId = normalizeTraceId(parsed.data?.trace_id);
  if (!parsed.success || !traceId) return [];
  const span = parsed.data;
  const attributes = { ...plainAttributes(span.data), ...plainAttributes(span.attributes) };
  const op = span.op ?? stringAt(attributes, "sentry.op");
  return [
    {
      kind: "span",
      traceId,
      spanId: span.span_id,
      parentSpanId: span.parent_span_id,
      op,
      name: span.name ?? span.description ?? op,
      description: span.description,
      status: span.status,
      ...senderFor(attributes),
      attributes,
      startTimestamp: span.start_timestamp,
      endTimestamp: span.end_timestamp ?? span.timestamp,
      receivedAt,
    },
  ];
}

/** Span items carry one span, a v2 container `{ items: [...] }`, or (liberally) a bare array. */
function spanList(payload: unknown): unknown[] {
  if (Array.isArray(payload)) return payload;
  if (isObject(payload)) return Array.isArray(payload.items) ? payload.items : [payload];
  throw new EnvelopeError("span item is not a JSON object or array");
}

/** v2 attributes are `{ type, value, unit? }`; flatten them so tests can compare plain values. */
function plainAttributes(attributes: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(attributes ?? {}).map(([key, value]) => [
      key,
      isObject(value) && "value" in value && isTypedAttribute(value) ? value.value : value,
    ]),
  );
}

function isTypedAttribute(value: Record<string, unknown>): boolean {
  return Object.keys(value).every((key) => key === "value" || key === "type" || key === "unit");
}

// The Next.js SDK reports the same name ("sentry.javascript.nextjs") in the browser and on the
// server, so the SDK's packages and platform decide first and the Origin header breaks the tie.
const BROWSER_SDK = /browser|react|vue|angular|svelte|ember|solid/;
const SERVER_SDK = /node|bun|deno|edge|cloudflare|aws|serverless/;

function senderOf(
  hints: { sdkName?: string; packages?: string[]; platform?: string },
  request: RequestContext,
): Sender {
  const names = [...(hints.packages ?? []), hints.sdkName ?? ""].join(" ");
  const origin: Origin =
    hints.platform === "node" || SERVER_SDK.test(names)
      ? "server"
      : BROWSER_SDK.test(names)
        ? "browser"
        : request.hasOriginHeader
          ? "browser"
          : "server";
  return { origin, sdkName: hints.sdkName };
}

/** Some SDKs send trace ids as dashed UUIDs; store the canonical 32 lowercase hex form or nothing. */
function normalizeTraceId(value: string | undefined): string | undefined {
  const id = value?.replaceAll("-", "").toLowerCase();
  return id && /^[0-9a-f]{32}$/.test(id) ? id : undefined;
}

function stringAt(attributes: Record<string, unknown>, key: string): string | undefined {
  const value = attributes[key];
  return typeof value === "string" ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
