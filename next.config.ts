import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";
import { withSentryConfig } from "@sentry/nextjs/config";
// Importing env validates the configuration at build and at start: a bad variable stops both.
import { env, envValidationSkipped } from "./lib/env";
import { refuseEmulatorConfiguration } from "./lib/production-config";
import { staticSecurityHeaders } from "./lib/security/static-headers";

// Production (a build or `next start`) refuses the local stack's emulator settings unless LOCAL_STACK=1.
if (!envValidationSkipped) refuseEmulatorConfiguration(env);

const nextConfig: NextConfig = {
  // Records each static page's hash-based Content-Security-Policy once it is prerendered.
  adapterPath: fileURLToPath(new URL("./build-adapter.mjs", import.meta.url)),
  distDir: env.NEXT_DIST_DIR,
  productionBrowserSourceMaps: env.BROWSER_SOURCE_MAPS,
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: true,
  experimental: {
    // URLs that match no route get app/global-not-found.tsx, rendered per request under the proxy's nonce
    // policy; app/not-found.tsx stays static, since Next.js renders it into every page's payload.
    globalNotFound: true,
  },
  compiler: {
    // Switches off the Sentry SDK's debug logging in every bundle (on the server it formatted a line for
    // each span even when nobody listened). withSentryConfig's bundleSizeOptimizations would do this
    // through a webpack plugin only, so Turbopack builds ignore it.
    define: { __SENTRY_DEBUG__: false },
  },
  async headers() {
    const headers = staticSecurityHeaders({
      appUrl: env.APP_URL,
      production: env.NODE_ENV === "production",
      stripeJsUrl: env.NEXT_PUBLIC_STRIPE_JS_URL,
    });
    return [{ source: "/:path*", headers }];
  },
  async rewrites() {
    // Clerk's Frontend API through the app's origin, so its cookies are first-party (Clerk "proxy" setup).
    return env.CLERK_FAPI_URL ? [{ source: "/clerk-fapi/:path*", destination: `${env.CLERK_FAPI_URL}/:path*` }] : [];
  },
};

export default withSentryConfig(nextConfig, {
  org: env.SENTRY_ORG,
  project: env.SENTRY_PROJECT,
  authToken: env.SENTRY_AUTH_TOKEN,
  telemetry: false,
  silent: true,
  // Source maps go to Sentry only when a token is configured (a real Sentry project).
  sourcemaps: { disable: !env.SENTRY_AUTH_TOKEN },
});
