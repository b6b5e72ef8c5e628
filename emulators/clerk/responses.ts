import type { Context } from "hono";
import type { ContentfulStatusCode, RedirectStatusCode } from "hono/utils/http-status";

/** c.json sends exactly `application/json`, the one content type @clerk/backend parses. */
export function json(c: Context, body: unknown, status: ContentfulStatusCode = 200, cookies: string[] = []): Response {
  setCookies(c, cookies);
  return c.json(body, status);
}

export function html(c: Context, markup: string, status: ContentfulStatusCode = 200): Response {
  return c.body(markup, status, { "content-type": "text/html; charset=utf-8" });
}

/** 303 by default, so a POSTed form is followed by a GET. */
export function redirect(c: Context, location: string, cookies: string[] = [], status: RedirectStatusCode = 303) {
  setCookies(c, cookies);
  return c.redirect(location, status);
}

function setCookies(c: Context, cookies: string[]): void {
  for (const cookie of cookies) c.header("set-cookie", cookie, { append: true });
}
