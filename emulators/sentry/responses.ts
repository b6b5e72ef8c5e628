import type { IncomingMessage, ServerResponse } from "node:http";

export interface JsonResponse {
  status: number;
  body?: unknown;
}

/**
 * The browser SDK posts envelopes cross-origin from the app's pages, so every answer carries CORS
 * headers echoing the caller's Origin. The allowed headers match Relay's list, which covers what
 * the SDK and its trace propagation send.
 */
export function setCorsHeaders(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader("Access-Control-Allow-Origin", request.headers.origin ?? "*");
  response.setHeader("Vary", "Origin");
  response.setHeader("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
  response.setHeader(
    "Access-Control-Allow-Headers",
    "content-type, content-encoding, x-sentry-auth, authorization, sentry-trace, baggage, traceparent, accept, origin, x-requested-with",
  );
  response.setHeader("Access-Control-Expose-Headers", "x-sentry-error, x-sentry-rate-limits, retry-after");
  response.setHeader("Access-Control-Max-Age", "3600");
}

export function sendJson(response: ServerResponse, { status, body }: JsonResponse): void {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
}

/** Payload text is escaped by the pages, and the policy forbids scripts should anything slip through. */
export function sendHtml(response: ServerResponse, status: number, html: string): void {
  response
    .writeHead(status, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
      "X-Content-Type-Options": "nosniff",
    })
    .end(html);
}
