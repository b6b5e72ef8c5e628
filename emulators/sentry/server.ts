import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { ingest } from "./ingest";
import { queryApi, traceIdSchema } from "./query-api";
import { sendHtml, sendJson, setCorsHeaders } from "./responses";
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

const INGEST_ROUTE = /^\/api\/(\d+)\/(envelope|store)\/?$/;
const TRACE_PAGE_ROUTE = /^\/traces\/([^/]+)$/;

/** Builds the emulator without listening, so tests can start it in-process on port 0. */
export function createSentryEmulator(options: SentryEmulatorOptions): SentryEmulator {
  const store = new TelemetryStore(options.maxRecords);
  const ingestOptions = { store, publicKey: options.publicKey, projectId: options.projectId ?? "1" };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // Name only: an error message could quote payload content, which may be personal data.
      console.error(
        `sentry emulator: ${request.method} ${request.url?.split("?")[0]} failed (${error instanceof Error ? error.name : "unknown error"})`,
      );
      if (!response.headersSent) sendJson(response, { status: 500, body: { detail: "internal error" } });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setCorsHeaders(request, response);
    const method = request.method ?? "GET";
    const url = new URL(request.url ?? "/", "http://127.0.0.1");

    if (method === "OPTIONS") return sendJson(response, { status: 204 });

    const ingestMatch = INGEST_ROUTE.exec(url.pathname);
    if (ingestMatch) {
      if (method !== "POST") return sendJson(response, { status: 405, body: { detail: "method not allowed" } });
      const [, projectId = "", endpoint] = ingestMatch;
      return sendJson(
        response,
        await ingest(request, url, projectId, endpoint === "store" ? "store" : "envelope", ingestOptions),
      );
    }

    const apiResponse = queryApi(method, url, store);
    if (apiResponse) return sendJson(response, apiResponse);

    if (method === "GET" && url.pathname === "/") {
      return sendHtml(response, 200, traceListPage(store.traces(200), options.appUrl));
    }
    const pageMatch = TRACE_PAGE_ROUTE.exec(url.pathname);
    if (method === "GET" && pageMatch) {
      const traceId = traceIdSchema.safeParse(pageMatch[1]);
      if (!traceId.success) return sendHtml(response, 400, errorPage("Trace ids are 32 hex characters."));
      return sendHtml(response, 200, tracePage(traceId.data, store.trace(traceId.data)));
    }

    sendJson(response, { status: 404, body: { detail: "not found" } });
  }

  return { server, store };
}
