import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { AppEnvironment, EmulatorSetupOptions } from "../shared/types";

/** The project id in the DSN; the emulator keeps a single project. */
export const PROJECT_ID = "1";

const keyFileSchema = z.object({ publicKey: z.string().regex(/^[0-9a-f]{32}$/) });

/**
 * A DSN's public key is not a secret (the browser sees it), but a per-checkout random key makes the
 * emulator reject envelopes meant for another stack. It is kept in dataDir so restarts keep the
 * DSN baked into an earlier `next build` valid.
 */
export async function loadOrCreatePublicKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "sentry-dsn.json");
  try {
    const stored = keyFileSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    if (stored.success) return stored.data.publicKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT" && !(error instanceof SyntaxError)) throw error;
  }
  const publicKey = randomBytes(16).toString("hex");
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify({ publicKey }, null, 2)}\n`);
  return publicKey;
}

export function dsnFor(publicKey: string, port: number): string {
  return `http://${publicKey}@127.0.0.1:${port}/${PROJECT_ID}`;
}

export async function setup(options: EmulatorSetupOptions): Promise<AppEnvironment> {
  const dsn = dsnFor(await loadOrCreatePublicKey(options.dataDir), options.port);
  return { SENTRY_DSN: dsn, NEXT_PUBLIC_SENTRY_DSN: dsn };
}
