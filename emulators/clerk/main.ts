import { z } from "zod";
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
  webhookRetry: { maxAttempts: env.CLERK_EMULATOR_WEBHOOK_MAX_ATTEMPTS, baseDelayMs: env.CLERK_EMULATOR_WEBHOOK_BASE_DELAY_MS },
});

emulator.server.listen(env.EMULATOR_PORT, "127.0.0.1", () => {
  const address = emulator.server.address();
  const port = typeof address === "object" && address ? address.port : env.EMULATOR_PORT;
  console.log(`clerk emulator listening on http://127.0.0.1:${port}`);
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  emulator.close().finally(() => process.exit(0));
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
// The stack spawns us with an IPC channel; when the parent goes away, so do we.
process.on("disconnect", stop);
