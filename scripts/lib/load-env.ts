import nextEnv from "@next/env";

/** Loads .env.local (and friends) with the same precedence Next.js uses: process env wins. */
export function loadLocalEnv(): void {
  nextEnv.loadEnvConfig(process.cwd());
}
