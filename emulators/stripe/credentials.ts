import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { randomToken } from "./store";

/**
 * The emulator's keys and webhook secret, made once per data folder and reused, so `.env.local` and a
 * running emulator always agree. They are test-mode dummies: they open nothing but this emulator.
 */

const credentialsSchema = z.object({
  secretKey: z.string().startsWith("sk_test_"),
  publishableKey: z.string().startsWith("pk_test_"),
  webhookSecret: z.string().startsWith("whsec_"),
});
export type StripeCredentials = z.infer<typeof credentialsSchema>;

const FILE_NAME = "stripe-credentials.json";

export async function loadOrCreateCredentials(dataDir: string): Promise<StripeCredentials> {
  const file = join(dataDir, FILE_NAME);
  try {
    return credentialsSchema.parse(JSON.parse(await readFile(file, "utf8")));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      throw new Error(`${file} is unreadable; delete it to make new keys`, { cause: error });
  }
  const credentials: StripeCredentials = {
    secretKey: `sk_test_emulator${randomToken(32)}`,
    publishableKey: `pk_test_emulator${randomToken(32)}`,
    webhookSecret: `whsec_${randomToken(32)}`,
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}
