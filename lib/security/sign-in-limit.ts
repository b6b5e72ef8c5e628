import "server-only";
import { clientIp } from "@/lib/security/client-ip";
import { enforceLimit, RateLimitedError } from "@/lib/security/rate-limit";

const signInPages = /^\/(sign-in|sign-up)(\/|$)/;
const frontendApiProxy = /^\/clerk-fapi(\/|$)/;

/** The Clerk Frontend API proxied through the app's origin (see next.config.ts); Clerk checks its sessions. */
export function isFrontendApiProxy(pathname: string): boolean {
  return frontendApiProxy.test(pathname);
}

/**
 * What counts against the per-IP sign-in limit: the sign-in and sign-up pages, and every write through
 * the Frontend API proxy (sign-in attempts, verification codes, session tokens). Reads through the
 * proxy (the environment, the client) cost Clerk little and are not counted; clerk-js's own bundle is
 * a static file the proxy never sees.
 */
function signInRoute(pathname: string, method: string): string | null {
  const page = signInPages.exec(pathname);
  if (page) return `/${page[1]}`;
  return isFrontendApiProxy(pathname) && method !== "GET" && method !== "HEAD" ? "/clerk-fapi" : null;
}

/**
 * Null to go on, or the 429 to send. A request whose address cannot be read is not counted, rather than
 * putting every such visitor in one shared bucket.
 */
export async function refuseSignInFlood(request: Request, pathname: string): Promise<Response | null> {
  const route = signInRoute(pathname, request.method);
  const ip = clientIp(request.headers);
  if (!route || !ip) return null;
  try {
    await enforceLimit("signIn", { ip }, route);
    return null;
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    const headers = { "retry-after": String(error.retryAfterSeconds), "cache-control": "no-store" };
    if (route === "/clerk-fapi") {
      return Response.json(
        { error: "rate_limited", message: "Too many sign-in requests. Please wait a minute and try again." },
        { status: 429, headers },
      );
    }
    return new Response(
      `Too many sign-in requests from your network. Please try again in ${error.retryAfterSeconds} seconds.`,
      { status: 429, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } },
    );
  }
}
