import * as Sentry from "@sentry/nextjs";
import { env } from "@/lib/env";
import { privacyOptions, tracesSampleRate } from "./sentry-options";

type Options = NonNullable<Parameters<typeof Sentry.init>[0]>;
type Integration = Extract<Options["integrations"], unknown[]>[number];

/**
 * Server and edge share one setup. Without a DSN Sentry is never initialised: no client, no transport, no cost.
 * `requestSpans` makes the span of each incoming request: Node.js's HTTP integration, which the edge
 * build of the SDK does not have (so sentry.server.config.ts passes it in).
 */
export function initServerSentry(requestSpans?: () => Integration): void {
  if (!env.SENTRY_DSN) return;
  Sentry.init({
    dsn: env.SENTRY_DSN,
    environment: env.SENTRY_ENVIRONMENT,
    release: env.SENTRY_RELEASE,
    tracesSampleRate: tracesSampleRate(env.SENTRY_TRACES_SAMPLE_RATE, env.SENTRY_ENVIRONMENT),
    ...privacyOptions,
    // Sentry's own AsyncLocalStorage context instead of an OpenTelemetry tracer provider: Next.js's many
    // OpenTelemetry spans per request (render, metadata, segments) each cost CPU even when the trace is
    // not sampled. Without the provider they are not recorded, so the request span comes from
    // `requestSpans`, and the dynamic layouts put the trace in the page (trace-metadata.ts).
    enableOpenTelemetrySetup: false,
    integrations: (defaults) =>
      defaults.flatMap((integration) => {
        // query-observer.ts already makes one span per statement (with metrics and slow-query logs);
        // Sentry's own postgres.js instrumentation would add a second span for each.
        if (integration.name === "PostgresJs") return [];
        // The Next.js SDK's HTTP integration leaves incoming requests to Next.js's OpenTelemetry spans.
        if (integration.name === "Http" && requestSpans) return [requestSpans()];
        return [integration];
      }),
  });
}
