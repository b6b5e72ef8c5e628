import { describe, expect, it } from "vitest";
import { PUBLISHABLE_KEY as emulatorPublishableKey } from "@/emulators/clerk/instance";
import {
  clerkFrontendApiHost,
  contentSecurityPolicy,
  createNonce,
  reportingEndpoints,
  type CspConfig,
} from "./content-security-policy";

/** What `npm run stack` configures: every service is an emulator on this machine. */
const localStack: CspConfig = {
  NODE_ENV: "production",
  APP_URL: "http://localhost:3610",
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: emulatorPublishableKey,
  NEXT_PUBLIC_CLERK_PROXY_URL: "http://localhost:3610/clerk-fapi",
  NEXT_PUBLIC_CLERK_JS_URL: "http://localhost:3610/clerk-fapi/npm/@clerk/clerk-js@6/dist/clerk.browser.js",
  NEXT_PUBLIC_CLERK_UI_URL: "http://localhost:3610/clerk-fapi/npm/@clerk/ui@1/dist/ui.browser.js",
  NEXT_PUBLIC_STRIPE_JS_URL: "http://127.0.0.1:3630/v3/stripe.js",
  NEXT_PUBLIC_SENTRY_DSN: "http://0123456789abcdef0123456789abcdef@127.0.0.1:3640/1",
};

/** A deployment on the real services (README → Switching to the real services). */
const production: CspConfig = {
  NODE_ENV: "production",
  APP_URL: "https://app.example.com",
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_live_${Buffer.from("clerk.example.com$").toString("base64")}`,
  NEXT_PUBLIC_SENTRY_DSN: "https://0123456789abcdef@o1.ingest.sentry.io/42",
};

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split("; ").map((directive) => {
      const [name = "", ...sources] = directive.split(" ");
      return [name, sources];
    }),
  );
}

const nonce = { nonce: "bm9uY2Utb2YtdGhpcy1yZXF1ZXN0" };

describe("contentSecurityPolicy", () => {
  it("locks down what no page needs", () => {
    for (const policy of [contentSecurityPolicy(localStack, nonce), contentSecurityPolicy(production, nonce)]) {
      const parsed = directives(policy);
      expect(parsed.get("default-src")).toEqual(["'self'"]);
      expect(parsed.get("object-src")).toEqual(["'none'"]);
      expect(parsed.get("base-uri")).toEqual(["'self'"]);
      expect(parsed.get("form-action")).toEqual(["'self'"]);
      expect(parsed.get("frame-ancestors")).toEqual(["'none'"]);
      expect(parsed.get("worker-src")).toEqual(["'self'", "blob:"]);
      expect(parsed.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
      expect(parsed.get("report-uri")).toEqual(["/api/csp-report"]);
    }
  });

  it("over https, reports through the Reporting API as well as report-uri", () => {
    expect(directives(contentSecurityPolicy(production, nonce)).get("report-to")).toEqual(["csp-endpoint"]);
    expect(reportingEndpoints(production)).toBe('csp-endpoint="/api/csp-report"');
  });

  it("over plain http, report-uri only: Chromium would drop every report-to report there", () => {
    expect(directives(contentSecurityPolicy(localStack, nonce)).has("report-to")).toBe(false);
    expect(reportingEndpoints(localStack)).toBeUndefined();
    expect(reportingEndpoints({ ...production, APP_URL: undefined })).toBeUndefined();
  });

  it("dynamic pages: the nonce and 'strict-dynamic', never 'unsafe-inline' or 'unsafe-eval'", () => {
    const scriptSrc = directives(contentSecurityPolicy(production, nonce)).get("script-src");
    expect(scriptSrc?.slice(0, 3)).toEqual([`'nonce-${nonce.nonce}'`, "'strict-dynamic'", "'self'"]);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(scriptSrc?.some((source) => source.startsWith("'sha256-"))).toBe(false);
  });

  it("static pages: their scripts' hashes and 'self' for chunks, with no nonce and no 'strict-dynamic'", () => {
    const hashes = [
      "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
      "sha256-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=",
    ];
    const scriptSrc = directives(contentSecurityPolicy(production, { hashes })).get("script-src");
    expect(scriptSrc?.slice(0, 3)).toEqual([`'${hashes[0]}'`, `'${hashes[1]}'`, "'self'"]);
    expect(scriptSrc).not.toContain("'strict-dynamic'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc?.some((source) => source.startsWith("'nonce-"))).toBe(false);
  });

  it("on the local stack: only the emulators' origins, and none of the real services' hosts", () => {
    const parsed = directives(contentSecurityPolicy(localStack, nonce));
    expect(parsed.get("script-src")).toEqual([
      `'nonce-${nonce.nonce}'`,
      "'strict-dynamic'",
      "'self'",
      "http://localhost:3610",
      "http://127.0.0.1:3630",
    ]);
    expect(parsed.get("connect-src")).toEqual([
      "'self'",
      "http://localhost:3610",
      "http://127.0.0.1:3630",
      "http://127.0.0.1:3640",
    ]);
    expect(parsed.get("frame-src")).toEqual(["'self'"]);
    expect(parsed.get("img-src")).toEqual(["'self'", "data:"]);
    expect(contentSecurityPolicy(localStack, nonce)).not.toMatch(/stripe\.com|clerk\.com|cloudflare|sentry\.io/);
  });

  it("on the real services: Clerk's, Stripe's and Sentry's documented hosts, and nothing on this machine", () => {
    const policy = contentSecurityPolicy(production, nonce);
    const parsed = directives(policy);
    expect(parsed.get("script-src")).toEqual([
      `'nonce-${nonce.nonce}'`,
      "'strict-dynamic'",
      "'self'",
      "https://clerk.example.com",
      "https://challenges.cloudflare.com",
      "https://*.protect.clerk.com",
      "https://js.stripe.com",
      "https://*.js.stripe.com",
    ]);
    expect(parsed.get("connect-src")).toEqual([
      "'self'",
      "https://clerk.example.com",
      "https://*.protect.clerk.com:*",
      "https://api.stripe.com",
      "https://o1.ingest.sentry.io",
    ]);
    expect(parsed.get("frame-src")).toEqual([
      "'self'",
      "https://challenges.cloudflare.com",
      "https://*.protect.clerk.com",
      "https://js.stripe.com",
      "https://*.js.stripe.com",
      "https://hooks.stripe.com",
    ]);
    expect(parsed.get("img-src")).toEqual(["'self'", "data:", "https://img.clerk.com"]);
    expect(policy).not.toMatch(/localhost|127\.0\.0\.1|http:/);
    // The DSN's key is not part of its origin.
    expect(policy).not.toContain("0123456789abcdef");
  });

  it("a Clerk development instance may send Clerk its telemetry; a production instance does not", () => {
    const development = {
      ...production,
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_test_${Buffer.from("busy-owl-12.clerk.accounts.dev$").toString("base64")}`,
    };
    const connectSrc = directives(contentSecurityPolicy(development, nonce)).get("connect-src");
    expect(connectSrc).toContain("https://busy-owl-12.clerk.accounts.dev");
    expect(connectSrc).toContain("https://clerk-telemetry.com");
    expect(directives(contentSecurityPolicy(production, nonce)).get("connect-src")).not.toContain(
      "https://clerk-telemetry.com",
    );
  });

  it("takes Clerk's bundles and Frontend API from their configured URLs", () => {
    const parsed = directives(
      contentSecurityPolicy(
        {
          ...production,
          NEXT_PUBLIC_CLERK_PROXY_URL: "https://app.example.com/__clerk",
          NEXT_PUBLIC_CLERK_JS_URL: "https://cdn.example.net/clerk.browser.js",
        },
        nonce,
      ),
    );
    expect(parsed.get("script-src")).toContain("https://cdn.example.net");
    expect(parsed.get("script-src")).toContain("https://app.example.com");
    expect(parsed.get("connect-src")).toContain("https://app.example.com");
    expect(parsed.get("connect-src")).not.toContain("https://clerk.example.com");
  });

  it("allows eval in development only, where React needs it", () => {
    const developmentPolicy = contentSecurityPolicy({ ...localStack, NODE_ENV: "development" }, nonce);
    expect(directives(developmentPolicy).get("script-src")).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy(localStack, nonce)).not.toContain("'unsafe-eval'");
  });
});

describe("clerkFrontendApiHost", () => {
  it("reads the Frontend API host from a publishable key", () => {
    expect(clerkFrontendApiHost(production.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY)).toBe("clerk.example.com");
    expect(clerkFrontendApiHost(emulatorPublishableKey)).toBe("clerk.taskpilot.localhost");
  });

  it("refuses a key that names no host, rather than building a policy from garbage", () => {
    for (const key of [
      "pk_live_",
      "pk_test_placeholder",
      `pk_live_${Buffer.from("evil.com; script-src *$").toString("base64")}`,
    ]) {
      expect(() => clerkFrontendApiHost(key)).toThrow(/does not name a Clerk Frontend API host/);
    }
  });
});

describe("createNonce", () => {
  it("makes 128 random bits, base64, new each time", () => {
    const nonces = new Set(Array.from({ length: 1_000 }, createNonce));
    expect(nonces.size).toBe(1_000);
    for (const value of nonces) expect(value).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
