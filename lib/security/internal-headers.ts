import "server-only";

const clerkAuthPrefix = "x-clerk-auth-";

/**
 * Takes proxy.ts's internal headers off what the browser gets, keeping their effect:
 * - Clerk reports its verdict (`x-clerk-auth-status`, `-reason`, `-message`) on the response; pages read
 *   it from the request headers Clerk also sets (`x-middleware-request-*`, which Next.js never sends out);
 * - to pass those request headers Clerk turns "continue" into a rewrite to the same URL, which Next.js
 *   would echo as `x-middleware-rewrite`. A same-URL rewrite is a plain continue, so it becomes one.
 * Next.js drops `x-middleware-next`, `-override-headers` and `-request-*` itself.
 */
export function withoutInternalHeaders(request: Request, response: Response): Response {
  for (const name of [...response.headers.keys()]) {
    if (name.startsWith(clerkAuthPrefix)) response.headers.delete(name);
  }
  const rewrite = response.headers.get("x-middleware-rewrite");
  if (rewrite && sameUrl(rewrite, request.url)) {
    response.headers.delete("x-middleware-rewrite");
    response.headers.set("x-middleware-next", "1");
  }
  return response;
}

function sameUrl(a: string, b: string): boolean {
  const [left, right] = [new URL(a), new URL(b)];
  return left.origin === right.origin && left.pathname === right.pathname && left.search === right.search;
}
