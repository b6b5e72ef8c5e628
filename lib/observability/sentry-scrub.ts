import type * as Sentry from "@sentry/nextjs";
import { scrubString, scrubValue } from "./scrub";

// The hooks' own parameter types, taken from Sentry.init so they follow the installed SDK.
type Options = NonNullable<Parameters<typeof Sentry.init>[0]>;
type ErrorEvent = Parameters<NonNullable<Options["beforeSend"]>>[0];
type StreamedSpan = Parameters<NonNullable<Options["beforeSendSpan"]>>[0];

/** Webhook bodies are the provider's data about people and payments: never sent anywhere. */
const isWebhook = (url: string | undefined) => Boolean(url && /\/api\/webhooks\//.test(url));

/** Sentry `beforeSend`: keeps the user's id only, drops cookies, auth headers and webhook bodies, scrubs the rest. */
export function scrubSentryEvent(event: ErrorEvent): ErrorEvent {
  const scrubbed: ErrorEvent = scrubValue({ ...event, user: undefined, request: undefined, breadcrumbs: undefined });
  if (event.user?.id !== undefined) scrubbed.user = { id: event.user.id };
  if (event.request) {
    const { cookies: _cookies, data, headers, url, query_string, ...rest } = event.request;
    scrubbed.request = {
      ...rest,
      url: url && scrubString(url),
      query_string: typeof query_string === "string" ? scrubString(query_string) : scrubValue(query_string),
      headers: headers ? scrubValue(headers) : undefined,
      data: isWebhook(url) ? "[webhook body removed]" : scrubValue(data),
    };
  }
  if (event.breadcrumbs) scrubbed.breadcrumbs = scrubValue(event.breadcrumbs);
  return scrubbed;
}

/** Sentry `beforeSendSpan`: scrubs names and attributes; drops query parameters, which carry user data. */
export function scrubSentrySpan(span: StreamedSpan): StreamedSpan {
  const { "drizzle.query.params": _params, ...attributes } = span.attributes ?? {};
  return { ...span, name: scrubString(span.name), attributes: scrubValue(attributes) };
}
