import type { Server } from "node:http";
import { Hono, type Context } from "hono";
import { cors } from "hono/cors";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { onError } from "../shared/json-errors";
import { nodeServer } from "../shared/node-server";
import { ingest } from "./ingest";
import { queryApi, traceIdSchema } from "./query-api";
import { TelemetryStore } from "./store";
import { errorPage, traceListPage, tracePage } from "./trace-page";

export interface SentryEmulatorOptions {
  /** The DSN's public key; envelopes carrying another key get 401. */
  publicKey: string;
  /** The DSN's project id. */
  projectId?: string;
  /** The app's origin, linked from the trace list. */
  appUrl: string;
  /** How many records (spans, transactions, errors) to keep. */
  maxRecords?: number;
}

export interface SentryEmulator {
  server: Server;
  store: TelemetryStore;
}

/** Payload text is escaped by the pages, and the policy forbids scripts should anything slip through. */
function html(c: Context, status: ContentfulStatusCode, markup: string): Response {
  return c.body(markup, status, {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    "x-content-type-options": "nosniff",
  });
}

/** Builds the emulator without listening, so tests can start it in-process on port 0. */
export function createSentryEmulator(options: SentryEmulatorOptions): SentryEmulator {
  const store = new TelemetryStore(options.maxRecords);

  const app = new Hono()
    // The browser SDK posts envelopes cross-origin from the app's pages, so every answer carries CORS
    // headers for the caller's Origin. The allowed headers match Relay's list, which covers what the SDK
    // and its trace propagation send.
    .use(
      cors({
        origin: (origin) => origin || "*",
        allowMethods: ["GET", "POST", "DELETE", "OPTIONS"],
        allowHeaders: [
          "content-type",
          "content-encoding",
          "x-sentry-auth",
          "authorization",
          "sentry-trace",
          "baggage",
          "traceparent",
          "accept",
          "origin",
          "x-requested-with",
        ],
        exposeHeaders: ["x-sentry-error", "x-sentry-rate-limits", "retry-after"],
        maxAge: 3600,
      }),
    )
    .route("/", ingest({ store, publicKey: options.publicKey, projectId: options.projectId ?? "1" }))
    .route("/", queryApi(store))
    .get("/", (c) => html(c, 200, traceListPage(store.traces(200), options.appUrl)))
    .get("/traces/:traceId", (c) => {
      const traceId = traceIdSchema.safeParse(c.req.param("traceId"));
      if (!traceId.success) return html(c, 400, errorPage("Trace ids are 32 hex characters."));
      return html(c, 200, tracePage(traceId.data, store.trace(traceId.data)));
    })
    .notFound((c) => c.json({ detail: "not found" }, 404))
    .onError(
      onError((error, c) => {
        // Name only: an error message could quote payload content, which may be personal data.
        const name = error instanceof Error ? error.name : "unknown error";
        console.error(`sentry emulator: ${c.req.method} ${c.req.path} failed (${name})`);
        return c.json({ detail: "internal error" }, 500);
      }),
    );

  return { server: nodeServer(app), store };
}
