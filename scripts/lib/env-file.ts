import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseEnv } from "node:util";

const header = "# Written by `npm run stack`. Generated values are refreshed on each run; lines you add are kept.\n";

function quote(value: string): string {
  return /^[\w@%+=:,./-]*$/.test(value) ? value : JSON.stringify(value);
}

export function readEnvFile(file: string): Record<string, string> {
  return existsSync(file) ? (parseEnv(readFileSync(file, "utf8")) as Record<string, string>) : {};
}

/** Merges `values` into the dotenv file at `file`, keeping keys the stack does not manage. */
export function updateEnvFile(file: string, values: Record<string, string>): void {
  const merged = { ...readEnvFile(file), ...values };
  const body = Object.entries(merged)
    .map(([key, value]) => `${key}=${quote(value)}`)
    .join("\n");
  writeFileSync(file, `${header}${body}\n`, { mode: 0o600 });
}
