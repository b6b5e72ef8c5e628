/**
 * Security headers for every response, set in next.config.ts `headers()` (pages, route handlers, static
 * files). Imported by next.config.ts, so it takes its inputs instead of reading lib/env itself.
 */
export interface StaticHeaderOptions {
  /** The app's public URL: Strict-Transport-Security only when it is https. */
  appUrl: string | undefined;
  production: boolean;
  /** Where Stripe.js comes from when not js.stripe.com (the local stack's stand-in). */
  stripeJsUrl: string | undefined;
}

const twoYearsSeconds = 63_072_000;

export function staticSecurityHeaders({ appUrl, production, stripeJsUrl }: StaticHeaderOptions) {
  // Stripe.js runs Apple Pay and Google Pay through the Payment Request API from its own frames.
  const paymentOrigins = new Set(["https://js.stripe.com"]);
  if (stripeJsUrl) paymentOrigins.add(new URL(stripeJsUrl).origin);
  const payment = ["self", ...[...paymentOrigins].map((origin) => `"${origin}"`)].join(" ");
  const headers = [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // No page may frame Taskpilot (clickjacking on /tasks and /billing); CSP frame-ancestors says the same.
    { key: "X-Frame-Options", value: "DENY" },
    {
      key: "Permissions-Policy",
      value: `camera=(), microphone=(), geolocation=(), usb=(), interest-cohort=(), payment=(${payment})`,
    },
  ];
  // Browsers ignore HSTS over plain http; sending it from a local http server would only confuse.
  if (production && appUrl && new URL(appUrl).protocol === "https:") {
    headers.push({ key: "Strict-Transport-Security", value: `max-age=${twoYearsSeconds}; includeSubDomains` });
  }
  return headers;
}
