import { z } from "zod";
import { serveUntilStopped } from "../shared/serve";
import { createClerkEmulator } from "./server";

const env = z
  .object({
    EMULATOR_PORT: z.coerce.number().int().min(0).max(65_535),
    EMULATOR_DATA_DIR: z.string().min(1),
    APP_URL: z.url(),
    CLERK_SECRET_KEY: z.string().startsWith("sk_").optional(),
    CLERK_WEBHOOK_SIGNING_SECRET: z.string().startsWith("whsec_").optional(),
    CLERK_EMULATOR_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).optional(),
    CLERK_EMULATOR_WEBHOOK_BASE_DELAY_MS: z.coerce.number().int().min(0).optional(),
  })
  .parse(process.env);

const emulator = createClerkEmulator({
  dataDir: env.EMULATOR_DATA_DIR,
  appUrl: env.APP_URL,
  secretKey: env.CLERK_SECRET_KEY,
  webhookSecret: env.CLERK_WEBHOOK_SIGNING_SECRET,
  webhookRetry: {
    maxAttempts: env.CLERK_EMULATOR_WEBHOOK_MAX_ATTEMPTS,
    baseDelayMs: env.CLERK_EMULATOR_WEBHOOK_BASE_DELAY_MS,
  },
});

serveUntilStopped("clerk", emulator.server, env.EMULATOR_PORT, () => emulator.close());
