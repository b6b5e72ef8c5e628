import { captureException, captureRouterTransitionStart, init } from "@sentry/nextjs";
import { publicEnv as env } from "@/lib/env/public";
import { privacyOptions, tracesSampleRate } from "./sentry-options";

/**
 * The browser SDK, imported on demand by instrumentation-client.ts and app/global-error.tsx. Named
 * imports only: a dynamic import of the whole package would bundle replay and feedback with it.
 */
export { captureException, captureRouterTransitionStart };

/**
 * Starts the browser SDK with tracing, when a DSN is configured; replay and feedback are not imported,
 * so not bundled.
 */
export function startBrowserSentry(): void {
  if (!env.NEXT_PUBLIC_SENTRY_DSN) return;
  init({
    dsn: env.NEXT_PUBLIC_SENTRY_DSN,
    environment: env.NEXT_PUBLIC_SENTRY_ENVIRONMENT,
    tracesSampleRate: tracesSampleRate(env.NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE, env.NEXT_PUBLIC_SENTRY_ENVIRONMENT),
    ...privacyOptions,
  });
}
