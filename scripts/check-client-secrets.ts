/**
 * `npm run check:client-secrets [-- --dist-dir <folder>] [--env-file <file>]`: fails when a production
 * build's browser-facing files (static/ and prerendered pages) contain a server secret: the values of
 * the secrets the build was made with (from the environment and .env.local, or a stack's --env-out
 * file) and anything shaped like one (sk_…, whsec_…, a database URL with a password, a private key).
 * Prints where, and what kind of secret; never the value.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadLocalEnv } from "./lib/load-env";
import { scanClientAssets } from "./lib/secret-scan";
import { readServerSecrets, readToolEnv } from "./lib/tool-env";

const { values: flags } = parseArgs({
  options: { "dist-dir": { type: "string" }, "env-file": { type: "string" } },
});

loadLocalEnv();
const distDir = path.resolve(flags["dist-dir"] ?? readToolEnv().NEXT_DIST_DIR);
const generated = flags["env-file"]
  ? (JSON.parse(readFileSync(flags["env-file"], "utf8")) as Record<string, unknown>)
  : {};
const secrets = [...readServerSecrets(), ...readServerSecrets(generated)];

try {
  const findings = scanClientAssets(distDir, secrets);
  if (findings.length > 0) {
    console.error(`Server secrets in the browser-facing files of ${path.relative(process.cwd(), distDir)}:`);
    for (const { file, secret } of findings) console.error(`  - ${file}: ${secret}`);
    process.exit(1);
  }
  console.log(`No server secret in ${path.relative(process.cwd(), distDir)} (checked ${secrets.length} values).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
