import "server-only";
import { env } from "@/lib/env";

const readOnlyMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a request may change something, and so must prove it comes from the app's own pages. */
export function changesState(method: string): boolean {
  return !readOnlyMethods.has(method.toUpperCase());
}

/**
 * Whether the request's Origin is the app's own. Browsers send Origin on every request that is not a
 * GET or HEAD, so a missing one means a client other than the app's pages. With APP_URL configured the
 * Origin must be exactly that: behind a proxy the Host header may name an internal address. Without it,
 * the Origin's host must be the one the request came in on (X-Forwarded-Host first, as a proxy sets it;
 * a cross-site page cannot set that header on someone's browser request).
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin || !URL.canParse(origin)) return false;
  const claimed = new URL(origin);
  if (env.APP_URL) return claimed.origin === new URL(env.APP_URL).origin;
  const host = (headers.get("x-forwarded-host") ?? headers.get("host"))?.split(",")[0]?.trim();
  return Boolean(host) && claimed.host === host;
}
