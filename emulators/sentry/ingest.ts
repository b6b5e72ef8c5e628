import { Hono, type Context, type MiddlewareHandler } from "hono";
import { limitBody } from "../shared/request-input";
import { decodeBody, MAX_BODY_BYTES } from "./content-encoding";
import { EnvelopeError, parseEnvelope, type Envelope } from "./envelope";
import { recordsFromItem } from "./normalize";
import type { TelemetryStore } from "./store";

export interface IngestOptions {
  store: TelemetryStore;
  publicKey: string;
  projectId: string;
}

const PATH = "/api/:project{[0-9]+}/:endpoint{envelope|store}";
/** The SDKs send the trailing slash; the path without it works too. */
const PATHS = [PATH, `${PATH}/`];

const methodNotAllowed = (c: Context) => c.json({ detail: "method not allowed" }, 405);

/**
 * POST /api/:projectId/envelope/ and the legacy /api/:projectId/store/ (one JSON event per request).
 * Every item is parsed before anything is stored, so a malformed envelope is rejected whole with 400,
 * as Relay does, instead of being half-recorded.
 */
export function ingest(options: IngestOptions): Hono {
  // The SDK puts the key in the query string (browser) or X-Sentry-Auth; it must match this DSN.
  const authorized: MiddlewareHandler = async (c, next) =>
    sentryKey(c) === options.publicKey && c.req.param("project") === options.projectId
      ? next()
      : c.json({ detail: "invalid DSN public key or project id" }, 401);

  return new Hono()
    .on("POST", PATHS, authorized, limitBody(MAX_BODY_BYTES, { detail: "request body too large" }), async (c) => {
      const body = await decodeBody(Buffer.from(await c.req.arrayBuffer()), c.req.header("content-encoding"));
      try {
        const envelope: Envelope =
          c.req.param("endpoint") === "envelope"
            ? parseEnvelope(body)
            : { header: {}, items: [{ header: { type: "event" }, payload: body }] };
        const context = { receivedAt: Date.now(), hasOriginHeader: c.req.header("origin") !== undefined };
        const records = envelope.items.flatMap((item) => recordsFromItem(item, envelope, context));
        for (const item of envelope.items) options.store.countItem(item.header.type);
        options.store.add(records);
        return c.json({});
      } catch (error) {
        if (error instanceof EnvelopeError) return c.json({ detail: error.message }, 400);
        throw error;
      }
    })
    .all(PATH, methodNotAllowed)
    .all(`${PATH}/`, methodNotAllowed);
}

function sentryKey(c: Context): string | undefined {
  const auth = c.req.header("x-sentry-auth") ?? c.req.header("authorization");
  const fromHeader = auth?.match(/(?:^|[\s,])sentry_key=([^,\s]+)/)?.[1];
  return fromHeader ?? c.req.query("sentry_key");
}
