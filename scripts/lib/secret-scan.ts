import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** A value that must never reach a browser, by the variable it came from. */
export interface Secret {
  name: string;
  value: string;
}

export interface Finding {
  /** Relative to the build folder. */
  file: string;
  /** The variable or the kind of secret found; never the value. */
  secret: string;
}

/** Shapes of server secrets, whatever their value: keys, signing secrets, credentials in URLs, private keys. */
export const secretPatterns: { name: string; pattern: RegExp }[] = [
  { name: "a secret API key (sk_…/rk_…)", pattern: /\b[sr]k_(live|test)_[0-9A-Za-z_]{8,}/ },
  { name: "a webhook signing secret (whsec_…)", pattern: /\bwhsec_[0-9A-Za-z+/=_-]{8,}/ },
  { name: "a database URL with a password", pattern: /\bpostgres(ql)?:\/\/[^\s:@/"'`]+:[^\s@/"'`]+@/ },
  { name: "a private key", pattern: /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/ },
  { name: "a Sentry auth token (sntrys_…)", pattern: /\bsntry[su]_[0-9A-Za-z+/=_]{16,}/ },
];

/** Shorter values would match by chance; every secret the app accepts is longer. */
const minimumSecretLength = 8;

/**
 * What the browser can fetch from a build: the client assets under static/, and prerendered pages,
 * which are served as they were written (under server/route-cache when a build adapter is configured,
 * as next.config.ts does).
 */
export function clientAssets(distDir: string): string[] {
  const staticDir = path.join(distDir, "static");
  if (!existsSync(staticDir)) throw new Error(`no client assets in ${staticDir}: build the app first`);
  const prerendered = ["server/app", "server/pages", "server/route-cache"]
    .map((folder) => path.join(distDir, folder))
    .filter((folder) => existsSync(folder));
  return [staticDir, ...prerendered].flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: "utf8" })
      .map((entry) => path.join(folder, entry))
      .filter((file) => statSync(file).isFile())
      .filter((file) => file.startsWith(staticDir) || /\.(html|rsc|body)$/.test(file)),
  );
}

/** The forms a value takes in a bundle: as is, and inside a JSON or JavaScript string. */
function spellings(secret: Secret): Secret[] {
  const forms = new Set([secret.value, JSON.stringify(secret.value).slice(1, -1)]);
  const found = [...forms].map((value) => ({ name: secret.name, value }));
  try {
    const { password } = new URL(secret.value);
    const decoded = decodeURIComponent(password);
    if (decoded.length >= minimumSecretLength) found.push({ name: `${secret.name} (its password)`, value: decoded });
  } catch {
    // Not a URL: nothing more to derive.
  }
  return found;
}

/** Every secret value and secret pattern found in the build's browser-facing files. */
export function scanClientAssets(distDir: string, secrets: readonly Secret[]): Finding[] {
  const values = secrets.filter((secret) => secret.value.length >= minimumSecretLength).flatMap(spellings);
  const findings: Finding[] = [];
  for (const file of clientAssets(distDir)) {
    const text = readFileSync(file, "utf8");
    const relative = path.relative(distDir, file);
    const names = new Set<string>();
    for (const { name, value } of values) if (text.includes(value)) names.add(name);
    for (const { name, pattern } of secretPatterns) if (pattern.test(text)) names.add(name);
    for (const secret of names) findings.push({ file: relative, secret });
  }
  return findings;
}
