import type { Context, ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An answer other than success, thrown from anywhere in a handler; `onError` sends it as it is. */
export function jsonError(status: ContentfulStatusCode, body: unknown): HTTPException {
  return new HTTPException(status, { res: Response.json(body) });
}

/** Every emulator's app.onError: thrown answers go out unchanged, anything else becomes `internal`'s answer. */
export function onError(internal: (error: unknown, c: Context) => Response): ErrorHandler {
  return (error, c) => (error instanceof HTTPException ? error.getResponse() : internal(error, c));
}
