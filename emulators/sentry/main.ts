import { z } from "zod";
import { closeServer } from "../shared/node-server";
import { serveUntilStopped } from "../shared/serve";
import { createSentryEmulator } from "./server";
import { loadOrCreatePublicKey, PROJECT_ID } from "./setup";

/** Entry point for `npm run stack`: `tsx emulators/sentry/main.ts`. */

const dsnSchema = z
  .url()
  .transform((dsn) => new URL(dsn))
  .refine(
    (dsn) => dsn.username !== "" && /^\/\d+$/.test(dsn.pathname),
    "SENTRY_DSN must look like http://<key>@host:port/<project>",
  );

const envSchema = z.object({
  EMULATOR_PORT: z.coerce.number().int().min(0).max(65535),
  EMULATOR_DATA_DIR: z.string().min(1),
  APP_URL: z.url(),
  // Written by setup(); read back so the emulator accepts exactly the DSN the app was given.
  SENTRY_DSN: dsnSchema.optional(),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  console.error(`sentry emulator: invalid environment\n${z.prettifyError(parsed.error)}`);
  process.exit(1);
}
const env = parsed.data;

const { server } = createSentryEmulator({
  publicKey: env.SENTRY_DSN?.username ?? (await loadOrCreatePublicKey(env.EMULATOR_DATA_DIR)),
  projectId: env.SENTRY_DSN?.pathname.slice(1) ?? PROJECT_ID,
  appUrl: env.APP_URL,
});

serveUntilStopped("sentry", server, env.EMULATOR_PORT, () => closeServer(server));
