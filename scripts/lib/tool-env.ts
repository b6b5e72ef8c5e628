import { z } from "zod";

/**
 * Developer tooling (stack, test runner, benchmarks) runs before the app's configuration exists, so it
 * has its own small validated view of process.env. The app itself reads only lib/env/.
 */
const schema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgres:// connection URL" }).optional(),
  PORT: z.coerce.number().int().min(1).max(65_000).default(3000),
  /** The e2e suite's app port; its emulators sit at fixed offsets from it. */
  E2E_PORT: z.coerce.number().int().min(1).max(65_000).default(3200),
  CHROMIUM_PATH: z.string().min(1).optional(),
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
  const parsed = schema.safeParse({ ...source, DATABASE_URL: source.DATABASE_URL || undefined });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    console.error(`Invalid environment variables:\n${lines.join("\n")}`);
    process.exit(1);
  }
  return parsed.data;
}
