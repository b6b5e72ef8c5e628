import { z } from "zod";

/**
 * Developer tooling (stack, test runner, benchmarks) runs before the app's configuration exists, so it
 * has its own small validated view of process.env. The app itself reads only lib/env/.
 */
const postgresUrl = z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgres:// connection URL" });

const schema = z.object({
  /**
   * The stack, tests and benchmarks: a server they may administer (create databases and roles on). The
   * app's own DATABASE_URL, which the stack generates, is the app role's (README → Security).
   */
  DATABASE_URL: postgresUrl.optional(),
  /**
   * The schema owner's login, for `npm run db:migrate`: migrations run as the owner, never as the app.
   * Given to the stack together with an app-role DATABASE_URL, the stack uses both roles as they are.
   */
  DATABASE_OWNER_URL: postgresUrl.optional(),
  PORT: z.coerce.number().int().min(1).max(65_000).default(3000),
  /** The e2e suite's app port; its emulators sit at fixed offsets from it. */
  E2E_PORT: z.coerce.number().int().min(1).max(65_000).default(3200),
  CHROMIUM_PATH: z.string().min(1).optional(),
  /**
   * Set by `npm test`: where the e2e server's stack writes the configuration it generated (--env-out), so
   * the secret scan knows the values the e2e build was made with.
   */
  E2E_ENV_OUT: z.string().min(1).optional(),
  /** The build folder `npm run check:client-secrets` scans by default, as for `next build`. */
  NEXT_DIST_DIR: z.string().min(1).default(".next"),
  CI: z.string().optional(),
  /** `npm run bench`: the product's port; its emulators, database and the baseline app sit at offsets from it. */
  BENCH_PORT: z.coerce.number().int().min(1).max(64_900).default(3300),
  /** Seconds per autocannon measurement (each target of each benchmark). */
  BENCH_DURATION_SECONDS: z.coerce.number().int().min(1).max(120).default(8),
  /**
   * Seconds of load before each measurement. V8 is still optimising a page's code after a few seconds:
   * with 2 s, a server's first measured target used up to a third more CPU per request than later ones.
   */
  BENCH_WARMUP_SECONDS: z.coerce.number().int().min(1).max(120).default(8),
  /**
   * Measurements per target, the product and its reference taking turns: one after the other, a slow
   * spell on the machine or a reference process still warming up counted against one side only.
   */
  BENCH_ROUNDS: z.coerce.number().int().min(1).max(20).default(3),
  BENCH_CONNECTIONS: z.coerce.number().int().min(1).max(1_000).default(10),
  /** `npm run lighthouse`: the audited product's port; its emulators sit at offsets from it. */
  LIGHTHOUSE_PORT: z.coerce.number().int().min(1).max(64_900).default(3500),
  /** Tasks seeded for the bench user; lower it for a quick look at the harness itself. */
  BENCH_TASK_COUNT: z.coerce.number().int().min(0).max(1_000_000).default(100_000),
});

export type ToolEnv = z.infer<typeof schema>;

export function readToolEnv(source: NodeJS.ProcessEnv = process.env): ToolEnv {
  const parsed = schema.safeParse({
    ...source,
    DATABASE_URL: source.DATABASE_URL || undefined,
    DATABASE_OWNER_URL: source.DATABASE_OWNER_URL || undefined,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    console.error(`Invalid environment variables:\n${lines.join("\n")}`);
    process.exit(1);
  }
  return parsed.data;
}

/** The server's secrets: a build's browser-facing files must contain none of their values. */
const serverSecretNames = [
  "DATABASE_URL",
  "DATABASE_OWNER_URL",
  "CLERK_SECRET_KEY",
  "CLERK_WEBHOOK_SIGNING_SECRET",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "METRICS_TOKEN",
  "SENTRY_AUTH_TOKEN",
] as const;

const serverSecretsSchema = z.object(
  Object.fromEntries(serverSecretNames.map((name) => [name, z.string().optional()])),
);

/** The server secrets set in `source` (process.env, or a stack's --env-out file), by name. */
export function readServerSecrets(source: Record<string, unknown> = process.env): { name: string; value: string }[] {
  const values = serverSecretsSchema.parse(source) as Partial<Record<string, string>>;
  return serverSecretNames.flatMap((name) => (values[name] ? [{ name, value: values[name] }] : []));
}
