import * as Sentry from "@sentry/nextjs";
import { env } from "@/lib/env";
import { privacyOptions, tracesSampleRate } from "@/lib/observability/sentry-options";

// Browser tracing only: replay and feedback are not loaded, so they add nothing to the bundle.
if (env.NEXT_PUBLIC_SENTRY_DSN) {
  Sentry.init({
    dsn: env.NEXT_PUBLIC_SENTRY_DSN,
    environment: env.NEXT_PUBLIC_SENTRY_ENVIRONMENT,
    tracesSampleRate: tracesSampleRate(env.NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE, env.NEXT_PUBLIC_SENTRY_ENVIRONMENT),
    ...privacyOptions,
  });
}

export const onRouterTransitionStart = Sentry.captureRouterTransitionStart;
