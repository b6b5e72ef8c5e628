import { existsSync } from "node:fs";
import path from "node:path";

/** Loads .env.local written by `npm run stack`; variables already in the environment win, as in Next.js. */
export function loadLocalEnv(): void {
  const file = path.join(process.cwd(), ".env.local");
  if (existsSync(file)) process.loadEnvFile(file);
}
