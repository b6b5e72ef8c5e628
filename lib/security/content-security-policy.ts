import { isLoopbackHost } from "@/lib/production-config";

/**
 * The Content-Security-Policy, from the configuration of the services the browser talks to. Pure: proxy.ts
 * builds each dynamic page's nonce policy with it, and the build adapter (build-adapter.mjs) each static
 * page's hash policy; both pass in the configuration.
 */

const cspReportPath = "/api/csp-report";
/** The Reporting API endpoint name that `report-to` refers to (declared in Reporting-Endpoints). */
const cspReportGroup = "csp-endpoint";

/** The part of the configuration (lib/env's `env`) that decides which outside origins pages may use. */
export interface CspConfig {
  NODE_ENV: string;
  /** The app's public origin: reports go through the Reporting API only over https. */
  APP_URL?: string;
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: string;
  NEXT_PUBLIC_CLERK_PROXY_URL?: string;
  NEXT_PUBLIC_CLERK_JS_URL?: string;
  NEXT_PUBLIC_CLERK_UI_URL?: string;
  NEXT_PUBLIC_STRIPE_JS_URL?: string;
  NEXT_PUBLIC_SENTRY_DSN?: string;
}

/** How a page's own scripts are allowed: a per-request nonce (dynamic pages) or their hashes (static pages). */
export type PageScripts = { nonce: string } | { hashes: readonly string[] };

interface ServiceOrigins {
  script: string[];
  connect: string[];
  frame: string[];
  img: string[];
}

const stripe = {
  // Stripe's CSP guidance for Stripe.js and Elements (the Address Element's Google Maps is not used).
  script: ["https://js.stripe.com", "https://*.js.stripe.com"],
  frame: ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
  connect: ["https://api.stripe.com"],
};

const clerkHosted = {
  // Clerk's CSP guidance: bot protection (Cloudflare Turnstile) and abuse and fraud protection, whose
  // hosts also answer on ports other than 443; user and organization images.
  script: ["https://challenges.cloudflare.com", "https://*.protect.clerk.com"],
  frame: ["https://challenges.cloudflare.com", "https://*.protect.clerk.com"],
  connect: ["https://*.protect.clerk.com:*"],
  img: ["https://img.clerk.com"],
  // clerk-js sends telemetry from development instances only (@clerk/shared's TelemetryCollector).
  developmentTelemetry: "https://clerk-telemetry.com",
};

/** The Frontend API host a Clerk publishable key names: `pk_live_` or `pk_test_` + base64 of `host$`. */
export function clerkFrontendApiHost(publishableKey: string): string {
  const decoded = Buffer.from(publishableKey.replace(/^pk_(live|test)_/, ""), "base64").toString("utf8");
  const host = decoded.endsWith("$") ? decoded.slice(0, -1) : "";
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(host)) {
    throw new Error("NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY does not name a Clerk Frontend API host");
  }
  return host;
}

const originOf = (url: string) => new URL(url).origin;

/**
 * The origins each service needs, as configured: an emulator's loopback origin appears only while it is
 * the configured service, and a real service's hosts only while that service is.
 */
function serviceOrigins(config: CspConfig): ServiceOrigins {
  const frontendApiHost = clerkFrontendApiHost(config.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY);
  // The browser reaches the Frontend API through the proxy URL when there is one, and loads clerk-js and
  // Clerk's UI bundle from the Frontend API unless their URLs are configured.
  const frontendApi = config.NEXT_PUBLIC_CLERK_PROXY_URL
    ? originOf(config.NEXT_PUBLIC_CLERK_PROXY_URL)
    : `https://${frontendApiHost}`;
  const clerkBundles = [config.NEXT_PUBLIC_CLERK_JS_URL, config.NEXT_PUBLIC_CLERK_UI_URL].map((url) =>
    url ? originOf(url) : frontendApi,
  );
  const origins: ServiceOrigins = { script: [...clerkBundles], connect: [frontendApi], frame: [], img: [] };

  // A Frontend API on this machine is the Clerk emulator, which serves everything itself.
  if (!isLoopbackHost(frontendApiHost.replace(/:\d+$/, ""))) {
    origins.script.push(...clerkHosted.script);
    origins.frame.push(...clerkHosted.frame);
    origins.connect.push(...clerkHosted.connect);
    origins.img.push(...clerkHosted.img);
    if (config.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY.startsWith("pk_test_")) {
      origins.connect.push(clerkHosted.developmentTelemetry);
    }
  }

  // A configured Stripe.js is the emulator's stand-in: it renders in the page and calls back to the origin
  // it was served from (emulators/stripe/stripe-js.ts). Otherwise it is Stripe's own, in Stripe's frames.
  if (config.NEXT_PUBLIC_STRIPE_JS_URL) {
    const standIn = originOf(config.NEXT_PUBLIC_STRIPE_JS_URL);
    origins.script.push(standIn);
    origins.connect.push(standIn);
  } else {
    origins.script.push(...stripe.script);
    origins.frame.push(...stripe.frame);
    origins.connect.push(...stripe.connect);
  }

  // The browser SDK posts envelopes to the DSN's host (its key is the URL's user part, not part of the origin).
  if (config.NEXT_PUBLIC_SENTRY_DSN) origins.connect.push(originOf(config.NEXT_PUBLIC_SENTRY_DSN));
  return origins;
}

function sourceList(...sources: string[]): string {
  return [...new Set(sources)].join(" ");
}

/**
 * The policy for a page, with the configuration worked out once. A page's own scripts run by nonce or
 * hash, never 'unsafe-inline'. With a nonce, 'strict-dynamic' lets those scripts load the rest (Next.js
 * chunks, clerk-js, Stripe.js); 'self' and the services' script origins are for browsers without
 * 'strict-dynamic', which ignore it. A static page keeps the same origins, since client-side navigation
 * from it renders the dynamic pages in the same document.
 */
export function contentSecurityPolicyFor(config: CspConfig): (scripts: PageScripts) => string {
  const origins = serviceOrigins(config);
  // `next dev` only: React rebuilds server stacks in the browser with eval while developing.
  const developmentEval = config.NODE_ENV === "development" ? ["'unsafe-eval'"] : [];
  const rest = [
    // Clerk's components style themselves at runtime (CSS-in-JS), and React writes style attributes.
    ["style-src", "'self' 'unsafe-inline'"],
    // The app's stylesheet draws its icons as data: SVGs.
    ["img-src", sourceList("'self'", "data:", ...origins.img)],
    ["connect-src", sourceList("'self'", ...origins.connect)],
    ["frame-src", sourceList("'self'", ...origins.frame)],
    // clerk-js runs its session timers in a worker made from a blob.
    ["worker-src", "'self' blob:"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    // Browsers with the Reporting API use report-to and ignore report-uri; the others use report-uri.
    ["report-uri", cspReportPath],
    ...(usesReportingApi(config) ? [["report-to", cspReportGroup]] : []),
  ]
    .map((directive) => directive.join(" "))
    .join("; ");
  return (scripts) => {
    const pageScripts =
      "nonce" in scripts ? [`'nonce-${scripts.nonce}'`, "'strict-dynamic'"] : scripts.hashes.map((hash) => `'${hash}'`);
    const scriptSrc = sourceList(...pageScripts, "'self'", ...developmentEval, ...origins.script);
    return `default-src 'self'; script-src ${scriptSrc}; ${rest}`;
  };
}

export function contentSecurityPolicy(config: CspConfig, scripts: PageScripts): string {
  return contentSecurityPolicyFor(config)(scripts);
}

/**
 * Chromium takes Reporting-Endpoints from https responses only, yet still ignores report-uri once a policy
 * names report-to: on a plain-http origin (the local stack) report-to would swallow every report.
 */
function usesReportingApi(config: CspConfig): boolean {
  return config.APP_URL !== undefined && new URL(config.APP_URL).protocol === "https:";
}

/** The Reporting-Endpoints header that names where `report-to` sends violations, when the policy uses it. */
export function reportingEndpoints(config: CspConfig): string | undefined {
  return usesReportingApi(config) ? `${cspReportGroup}="${cspReportPath}"` : undefined;
}

/** 128 random bits, base64: a fresh one for every response. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
