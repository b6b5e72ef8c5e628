import { z } from "zod";

/**
 * Developer tooling (stack, test runner, benchmarks) runs before the app's configuration exists, so it
 * has its own small validated view of process.env. The app itself reads only lib/env.ts.
 */
const schema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgres:// connection URL" }).optional(),
  PORT: z.coerce.number().int().min(1).max(65_000).default(3000),
  /** The e2e suite's app port; its emulators sit at fixed offsets from it. */
  E2E_PORT: z.coerce.number().int().min(1).max(65_000).default(3200),
  CHROMIUM_PATH: z.string().min(1).optional(),
  CI: z.string().optional(),
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
