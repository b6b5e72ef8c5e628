import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The HTTP method, or Clerk's `_method` override (clerk-js sends DELETE/PATCH as POST). */
  method: string;
  params: string[];
}

export interface Route {
  method: string;
  path: RegExp;
  handle: (ctx: RequestContext) => Promise<void> | void;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

const MAX_BODY_BYTES = 1 << 20;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, { error: "body too large" });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a JSON body against `schema`; bad input becomes a 400 listing zod's issues. */
export async function readJson<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  const text = await readBody(req);
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    throw new HttpError(400, { error: "invalid JSON body" });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, { error: "invalid request", issues: z.flattenError(parsed.error) });
  return parsed.data;
}

export async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  return Object.fromEntries(new URLSearchParams(await readBody(req)));
}

export function sendJson(res: ServerResponse, status: number, body: unknown, cookies: string[] = []): void {
  // Exactly `application/json`: @clerk/backend only parses bodies with that precise content type.
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", "set-cookie": cookies });
  res.end(JSON.stringify(body));
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

/** 303 so a POSTed form is followed by a GET. */
export function redirect(res: ServerResponse, location: string, cookies: string[] = [], status = 303): void {
  res.writeHead(status, { location, "cache-control": "no-store", "set-cookie": cookies });
  res.end();
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    // The first occurrence wins, as in browsers' most-specific-path-first ordering.
    if (!(name in cookies)) cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return cookies;
}
