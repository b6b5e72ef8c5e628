import { z } from "zod";
import { loadOrCreateCredentials } from "./credentials";
import { serveUntilStopped } from "../shared/serve";
import { createStripeEmulator } from "./server";

/**
 * Process entry point: `tsx emulators/stripe/main.ts`. `npm run stack` spawns it with an IPC channel and
 * the variables from setup(); it stops when the stack goes away.
 */

const envSchema = z.object({
  EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535),
  EMULATOR_DATA_DIR: z.string().min(1),
  APP_URL: z.url({ protocol: /^https?$/ }),
  // Normally passed in from setup(); read from the data folder when missing so the emulator also runs alone.
  STRIPE_SECRET_KEY: z.string().startsWith("sk_test_").optional(),
  NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: z.string().startsWith("pk_test_").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  STRIPE_EMULATOR_WEBHOOK_BASE_DELAY_MS: z.coerce.number().int().positive().optional(),
  STRIPE_EMULATOR_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().positive().optional(),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  // Names and rules only: values may be secrets.
  const issues = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
  console.error(`stripe emulator: invalid environment\n${issues.join("\n")}`);
  process.exit(1);
}
const env = parsed.data;
const stored = await loadOrCreateCredentials(env.EMULATOR_DATA_DIR);

const emulator = createStripeEmulator({
  appUrl: env.APP_URL,
  secretKey: env.STRIPE_SECRET_KEY ?? stored.secretKey,
  publishableKey: env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY ?? stored.publishableKey,
  webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? stored.webhookSecret,
  // Unset variables keep the emulator's defaults.
  webhookRetry: {
    baseDelayMs: env.STRIPE_EMULATOR_WEBHOOK_BASE_DELAY_MS,
    maxAttempts: env.STRIPE_EMULATOR_WEBHOOK_MAX_ATTEMPTS,
  },
  log: (line) => console.log(`[stripe] ${line}`),
});

serveUntilStopped("stripe", emulator.server, env.EMULATOR_PORT, () => emulator.close());
