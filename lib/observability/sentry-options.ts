import type * as Sentry from "@sentry/nextjs";
import { scrubSentryEvent, scrubSentrySpan } from "./sentry-scrub";

type Options = NonNullable<Parameters<typeof Sentry.init>[0]>;

/**
 * What every runtime (server, edge, browser) tells Sentry about privacy: collect no user details,
 * cookies or bodies in the first place, and scrub whatever else is sent.
 */
export const privacyOptions = {
  dataCollection: {
    userInfo: false,
    cookies: false,
    httpBodies: [],
    httpHeaders: {
      request: { deny: ["authorization", "cookie", "stripe-signature", "svix-signature"] },
      response: { deny: ["set-cookie"] },
    },
  },
  // Drizzle's own OpenTelemetry spans repeat our db.query spans three times over, with the query's
  // parameters (personal data) as attributes.
  ignoreSpans: [/^drizzle\./],
  beforeSend: scrubSentryEvent,
  beforeSendSpan: scrubSentrySpan,
} satisfies Options;

/** Every trace while developing; a tenth in any other environment, unless a rate is configured. */
export function tracesSampleRate(configured: number | undefined, environment: string): number {
  return configured ?? (environment === "development" ? 1 : 0.1);
}
