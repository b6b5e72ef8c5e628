import type { IncomingMessage, ServerResponse } from "node:http";

/** Small helpers for node:http, shared by the API, the test API and the Stripe.js route. */

const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  send(res, status, JSON.stringify(value, null, 2), headers);
}

/**
 * Stripe.js calls the API from the app's pages, another origin; Stripe answers any origin, since those
 * calls carry only a publishable key.
 */
export const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
  "access-control-allow-headers": "Authorization, Content-Type, Idempotency-Key, Stripe-Version, Stripe-Account",
  "access-control-expose-headers": "Request-Id, Idempotent-Replayed, Original-Request, Stripe-Version",
  "access-control-max-age": "300",
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
