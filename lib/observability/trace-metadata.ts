import "server-only";
import * as Sentry from "@sentry/nextjs";
import type { Metadata } from "next";

/**
 * The request's trace as `sentry-trace` and `baggage` meta tags, which the browser SDK's pageload
 * continues. For the dynamic layouts only: a prerendered page would carry one build-time trace forever.
 */
export function traceMetadata(): Metadata {
  const { "sentry-trace": sentryTrace, baggage } = Sentry.getTraceData();
  if (!sentryTrace) return {};
  return { other: baggage ? { "sentry-trace": sentryTrace, baggage } : { "sentry-trace": sentryTrace } };
}
