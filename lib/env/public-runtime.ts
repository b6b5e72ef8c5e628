/**
 * The public (NEXT_PUBLIC_*) variables as Next.js inlines them into the browser bundle, before any
 * validation: ./public.ts validates them for browser code, and the server validates them with the rest
 * at build and at start (./index.ts). Apart from the schemas, so code that only needs to know whether a
 * variable is set does not bring zod into every page's first load. Next.js inlines a value only where
 * it is written out in full like this.
 */
export const publicRuntimeEnv = {
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
  NEXT_PUBLIC_CLERK_PROXY_URL: process.env.NEXT_PUBLIC_CLERK_PROXY_URL,
  NEXT_PUBLIC_CLERK_JS_URL: process.env.NEXT_PUBLIC_CLERK_JS_URL,
  NEXT_PUBLIC_CLERK_UI_URL: process.env.NEXT_PUBLIC_CLERK_UI_URL,
  NEXT_PUBLIC_SENTRY_DSN: process.env.NEXT_PUBLIC_SENTRY_DSN,
  NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE: process.env.NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE,
  NEXT_PUBLIC_SENTRY_ENVIRONMENT: process.env.NEXT_PUBLIC_SENTRY_ENVIRONMENT,
  NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY,
  NEXT_PUBLIC_STRIPE_JS_URL: process.env.NEXT_PUBLIC_STRIPE_JS_URL,
};
