import { readFileSync } from "node:fs";

/**
 * Serves the Stripe.js stand-in (stripe-js.browser.js: browser JavaScript served as written, its JSDoc
 * types checked with `tsc -p emulators/stripe/stripe-js.tsconfig.json`). The API origin is prefixed as a
 * global, taken from the Host the browser used, so the script calls back to whichever address served it.
 */

const source = readFileSync(new URL("./stripe-js.browser.js", import.meta.url), "utf8");

/** js.stripe.com's own paths, so a Playwright route can map the real URL onto the emulator unchanged. */
export const STRIPE_JS_PATHS = ["/v3", "/v3/", "/v3/stripe.js", "/endive/stripe.js"];

export function stripeJsSource(host: string | undefined, fallbackOrigin: string): string {
  // Only a plain host[:port] may be echoed into the script.
  const origin = host && /^[\w.-]+(:\d+)?$/.test(host) ? `http://${host}` : fallbackOrigin;
  return `window.__STRIPE_EMULATOR__ = ${JSON.stringify({ apiBase: origin })};\n${source}`;
}
