import * as Sentry from "@sentry/nextjs";
import { env } from "@/lib/env";
import { privacyOptions, tracesSampleRate } from "./sentry-options";

/** Server and edge share one setup. Without a DSN Sentry is never initialised: no client, no transport, no cost. */
export function initServerSentry(): void {
  if (!env.SENTRY_DSN) return;
  Sentry.init({
    dsn: env.SENTRY_DSN,
    environment: env.SENTRY_ENVIRONMENT,
    release: env.SENTRY_RELEASE,
    tracesSampleRate: tracesSampleRate(env.SENTRY_TRACES_SAMPLE_RATE, env.SENTRY_ENVIRONMENT),
    ...privacyOptions,
    // query-observer.ts already makes one span per statement (with metrics and slow-query logs); Sentry's own
    // postgres.js instrumentation would add a second span for each.
    integrations: (defaults) => defaults.filter((integration) => integration.name !== "PostgresJs"),
  });
}
