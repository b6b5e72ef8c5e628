import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";
import { publicRuntimeEnv } from "./public-runtime";
import { publicEnvSchema } from "./public-schema";
import { reportInvalidEnvironment } from "./report";

/**
 * The one reader of process.env for the app. Every variable is validated here once; a bad or missing
 * one stops the process at start with a list of what is wrong (names and expectations, never values).
 * The README's configuration table documents each variable.
 */

const postgresUrl = z.url({
  protocol: /^postgres(ql)?$/,
  error: "expected a postgres:// connection URL",
});
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const port = z.coerce.number().int().min(1).max(65_535).default(3000);
/** Unset: every trace in development, a tenth elsewhere (see tracesSampleRate in lib/observability). */
const sampleRate = z.coerce.number().min(0).max(1).optional();
const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0"])
    .default(fallback ? "true" : "false")
    .transform((value) => value === "true" || value === "1");

/** Tooling that loads next.config.ts without running the app (route type generation) skips validation. */
export const envValidationSkipped = process.env.SKIP_ENV_VALIDATION === "1";

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /**
     * Set by `npm run stack` (in .env.local): this configuration is the local stack's. Without it a
     * production build or server refuses emulator URLs and keys (lib/production-config.ts).
     */
    LOCAL_STACK: flag(false),
    PORT: port,
    /** Build time: emit browser source maps (the benchmark uses them to attribute bundle bytes). */
    BROWSER_SOURCE_MAPS: flag(false),
    /** Build output folder, so e2e and benchmark builds never overwrite the developer's .next. */
    NEXT_DIST_DIR: z
      .string()
      .regex(/^\.next[\w-]*$/, "expected a folder name starting with .next")
      .default(".next"),
    /** The app's public origin; used for redirects and authorized parties. */
    APP_URL: z
      .url({ protocol: /^https?$/, error: "expected an http(s) origin such as http://localhost:3000" })
      .optional(),
    DATABASE_URL: postgresUrl,
    DATABASE_POOL_MAX: positiveInt(10),
    DATABASE_CONNECT_TIMEOUT_SECONDS: positiveInt(5),
    DATABASE_STATEMENT_TIMEOUT_MS: positiveInt(5_000),
    DATABASE_SLOW_QUERY_MS: positiveInt(200),
    /** How long a statement may wait for a row or table lock before it fails. */
    DATABASE_LOCK_TIMEOUT_MS: positiveInt(2_000),
    /** A connection idle inside a transaction this long is closed by PostgreSQL, releasing its locks. */
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: positiveInt(10_000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

    /** Open (not completed) tasks a Free account may have; Pro has no limit. */
    FREE_TASK_LIMIT: positiveInt(25),
    /** The Pro upgrade's price in the currency's minor unit (49900 = ₹499.00), decided on the server only. */
    PRO_PRICE_AMOUNT: positiveInt(49_900),
    PRO_PRICE_CURRENCY: z
      .string()
      .regex(/^[a-z]{3}$/, "expected a lowercase ISO currency code such as inr")
      .default("inr"),

    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(live|test)_/, "expected a Stripe secret or restricted key (sk_… or rk_…)"),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", "expected a Stripe webhook signing secret (whsec_…)"),
    /** Stripe's API base; unset means https://api.stripe.com. */
    STRIPE_API_URL: z.url({ protocol: /^https?$/ }).optional(),
    STRIPE_TIMEOUT_MS: positiveInt(8_000),
    STRIPE_MAX_NETWORK_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
    /** Consecutive failed Stripe calls that open the circuit breaker. */
    STRIPE_BREAKER_THRESHOLD: positiveInt(5),
    /** How long an open breaker fails fast before letting one probe call through. */
    STRIPE_BREAKER_HALF_OPEN_MS: positiveInt(15_000),
    /** How long the billing page waits for Stripe on a customer's return before it shows "confirming". */
    BILLING_SYNC_BUDGET_MS: positiveInt(2_000),
    /** How long a webhook delivery waits for Stripe before answering 503, well inside Stripe's timeout. */
    WEBHOOK_SYNC_BUDGET_MS: positiveInt(10_000),

    /**
     * Abuse limits: requests allowed per user and per client IP in each window, counted in PostgreSQL
     * (table rate_limits) so every app instance shares them. Defaults leave room for a busy person
     * and stop scripted floods; `npm test` and the benchmarks raise them (scripts/lib/rate-limits.ts).
     */
    RATE_LIMIT_WINDOW_SECONDS: positiveInt(60),
    RATE_LIMIT_TASK_WRITES_PER_USER: positiveInt(60),
    RATE_LIMIT_TASK_WRITES_PER_IP: positiveInt(300),
    RATE_LIMIT_PAYMENT_INTENT_PER_USER: positiveInt(10),
    RATE_LIMIT_PAYMENT_INTENT_PER_IP: positiveInt(30),
    RATE_LIMIT_BILLING_SYNC_PER_USER: positiveInt(30),
    RATE_LIMIT_BILLING_SYNC_PER_IP: positiveInt(100),
    RATE_LIMIT_TEST_ERROR_PER_USER: positiveInt(5),
    RATE_LIMIT_TEST_ERROR_PER_IP: positiveInt(20),
    /** Per IP only: webhook senders are Stripe's and Clerk's servers, which deliver in bursts. */
    RATE_LIMIT_WEBHOOKS_PER_IP: positiveInt(1_000),
    /** Per IP only, before anyone is signed in: /sign-in, /sign-up and writes through /clerk-fapi. */
    RATE_LIMIT_SIGN_IN_PER_IP: positiveInt(100),
    /** Per IP only: Content-Security-Policy violation reports, which browsers send without a session. */
    RATE_LIMIT_CSP_REPORTS_PER_IP: positiveInt(60),
    /**
     * Reverse proxies in front of the app that append to X-Forwarded-For: the client IP is read this
     * many entries from the right, since entries further left are whatever the client sent.
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),

    /** Bearer token that GET /api/metrics requires. */
    METRICS_TOKEN: z.string().min(16, "expected a random token of at least 16 characters"),
    METRICS_ENABLED: flag(true),

    /** Server-side Sentry DSN; unset turns Sentry off on the server at no cost. */
    SENTRY_DSN: z.url().optional(),
    SENTRY_ENVIRONMENT: z.string().min(1).default("development"),
    SENTRY_RELEASE: z.string().min(1).optional(),
    SENTRY_TRACES_SAMPLE_RATE: sampleRate,
    /** Build-time only: source maps are uploaded to Sentry when this is set. */
    SENTRY_AUTH_TOKEN: z.string().min(1).optional(),
    SENTRY_ORG: z.string().min(1).optional(),
    SENTRY_PROJECT: z.string().min(1).optional(),

    CLERK_SECRET_KEY: z.string().regex(/^sk_(live|test)_/, "expected a Clerk secret key (sk_live_… or sk_test_…)"),
    /** The instance's PEM public key: session tokens are verified with it, without a network call. */
    CLERK_JWT_KEY: z
      .string()
      .includes("BEGIN PUBLIC KEY", { error: "expected the PEM public key from Clerk's API keys page" }),
    CLERK_WEBHOOK_SIGNING_SECRET: z.string().startsWith("whsec_", "expected a Clerk webhook signing secret (whsec_…)"),
    /** Backend API base; unset means Clerk's own (https://api.clerk.com). */
    CLERK_API_URL: z.url().optional(),
    /** Where /clerk-fapi is forwarded when the Frontend API is proxied through the app's origin. */
    CLERK_FAPI_URL: z.url().optional(),
    /** A hosted sign-in page (Clerk's Account Portal, or the local emulator's) that /sign-in hands over to. */
    CLERK_HOSTED_SIGN_IN_URL: z.url().optional(),
  },
  client: publicEnvSchema,
  experimental__runtimeEnv: publicRuntimeEnv,
  emptyStringAsUndefined: true,
  skipValidation: envValidationSkipped,
  onValidationError: reportInvalidEnvironment,
});
