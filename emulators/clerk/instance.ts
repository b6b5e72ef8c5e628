import { createHash } from "node:crypto";

/**
 * Fixed identity of the emulated Clerk instance. A `pk_live_` key makes @clerk/backend treat it as a
 * production instance, which needs no dev-browser (`__clerk_db_jwt`) handshake on every document.
 */
export const FRONTEND_API_HOST = "clerk.taskpilot.localhost";
/** Session tokens must carry this `iss` for @clerk/backend to treat cookie tokens as this instance's. */
export const ISSUER = `https://${FRONTEND_API_HOST}`;
export const PUBLISHABLE_KEY = "pk_live_" + Buffer.from(`${FRONTEND_API_HOST}$`).toString("base64").replace(/=+$/, "");
/** Obviously fake, and short enough not to look like a leaked live key to secret scanners. */
export const DEFAULT_SECRET_KEY = "sk_live_clerk_emulator";
export const INSTANCE_ID = "ins_taskpilot_emulator";
/** Path under the app's origin that the app rewrites to this emulator. */
export const PROXY_PATH = "/clerk-fapi";

/** Same derivation as @clerk/shared's getCookieSuffix, so we can set the suffixed cookies clerk-js uses. */
export const COOKIE_SUFFIX = createHash("sha1")
  .update(PUBLISHABLE_KEY)
  .digest("base64")
  .replace(/\+/g, "-")
  .replace(/\//g, "_")
  .slice(0, 8);

/** The app origin without a trailing slash, e.g. `http://localhost:3000`. */
export function appOrigin(appUrl: string): string {
  return new URL(appUrl).origin;
}
