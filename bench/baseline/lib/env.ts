import { z } from "zod";

/** The baseline's own view of its environment: it shares nothing with the product's lib/env. */
const schema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgres:// connection URL" }),
  /** Same default as the product's pool, so both apps get the same database concurrency. */
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
});

export type BaselineEnv = z.infer<typeof schema>;

let parsed: BaselineEnv | undefined;

/** Read on first use, not at import: `next build` loads the routes without any database configured. */
export function baselineEnv(): BaselineEnv {
  parsed ??= schema.parse(process.env);
  return parsed;
}
