import type { IncomingMessage } from "node:http";
import { EnvelopeError, parseEnvelope, type Envelope } from "./envelope";
import { recordsFromItem } from "./normalize";
import { BodyError, decodeBody, readBody } from "./request-body";
import type { JsonResponse } from "./responses";
import type { TelemetryStore } from "./store";

export interface IngestOptions {
  store: TelemetryStore;
  publicKey: string;
  projectId: string;
}

export type IngestEndpoint = "envelope" | "store";

/**
 * Handles POST /api/:projectId/envelope/ and the legacy /api/:projectId/store/ (one JSON event per
 * request). Every item is parsed before anything is stored, so a malformed envelope is rejected
 * whole with 400, as Relay does, instead of being half-recorded.
 */
export async function ingest(
  request: IncomingMessage,
  url: URL,
  projectId: string,
  endpoint: IngestEndpoint,
  options: IngestOptions,
): Promise<JsonResponse> {
  // The SDK puts the key in the query string (browser) or X-Sentry-Auth; it must match this DSN.
  if (sentryKey(request, url) !== options.publicKey || projectId !== options.projectId) {
    return { status: 401, body: { detail: "invalid DSN public key or project id" } };
  }

  try {
    const body = await decodeBody(await readBody(request), header(request, "content-encoding"));
    const envelope: Envelope =
      endpoint === "envelope"
        ? parseEnvelope(body)
        : { header: {}, items: [{ header: { type: "event" }, payload: body }] };
    const context = { receivedAt: Date.now(), hasOriginHeader: header(request, "origin") !== undefined };
    const records = envelope.items.flatMap((item) => recordsFromItem(item, envelope, context));

    for (const item of envelope.items) options.store.countItem(item.header.type);
    options.store.add(records);
    return { status: 200, body: {} };
  } catch (error) {
    if (error instanceof BodyError) return { status: error.status, body: { detail: error.message } };
    if (error instanceof EnvelopeError) return { status: 400, body: { detail: error.message } };
    throw error;
  }
}

function sentryKey(request: IncomingMessage, url: URL): string | undefined {
  const auth = header(request, "x-sentry-auth") ?? header(request, "authorization");
  const fromHeader = auth?.match(/(?:^|[\s,])sentry_key=([^,\s]+)/)?.[1];
  return fromHeader ?? url.searchParams.get("sentry_key") ?? undefined;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
