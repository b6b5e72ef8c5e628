import * as z from "zod/mini";

/**
 * The public (NEXT_PUBLIC_*) variables: the part of the configuration that code running in the
 * browser may read. The server validates them with everything else (./index.ts); browser code reads
 * them from ./public.ts. Written with zod's tree-shakable mini build, because these schemas ship in the
 * browser bundle, where the full zod would add 30 KB to every page.
 */

/** Unset: every trace in development, a tenth elsewhere (see tracesSampleRate in lib/observability). */
const sampleRate = z.optional(z.coerce.number().check(z.minimum(0), z.maximum(1)));
const optionalUrl = z.optional(z.url());

export const publicEnvSchema = {
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: z
    .string()
    .check(z.regex(/^pk_(live|test)_/, "expected a Clerk publishable key (pk_live_… or pk_test_…)")),
  NEXT_PUBLIC_CLERK_PROXY_URL: optionalUrl,
  NEXT_PUBLIC_CLERK_JS_URL: optionalUrl,
  NEXT_PUBLIC_CLERK_UI_URL: optionalUrl,
  /** Browser-side Sentry DSN; unset keeps the browser SDK from sending anything. */
  NEXT_PUBLIC_SENTRY_DSN: optionalUrl,
  NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE: sampleRate,
  NEXT_PUBLIC_SENTRY_ENVIRONMENT: z._default(z.string().check(z.minLength(1)), "development"),
  NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: z
    .string()
    .check(z.regex(/^pk_(live|test)_/, "expected a Stripe publishable key (pk_…)")),
  /** Loads Stripe.js from here instead of js.stripe.com (the local emulator). */
  NEXT_PUBLIC_STRIPE_JS_URL: optionalUrl,
};
