import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scanClientAssets } from "./secret-scan";

const root = path.resolve(import.meta.dirname, "../..");
const metricsToken = "Zq8xW2mN4vB7cK1pR5tY9uE3";
const databaseUrl = "postgres://taskpilot_app:s3cr3t-Pa55word@db.internal:5432/taskpilot";
const secrets = [
  { name: "METRICS_TOKEN", value: metricsToken },
  { name: "DATABASE_URL", value: databaseUrl },
  { name: "CLERK_SECRET_KEY", value: 'odd"key\\with-escapes' },
];

/** Harmless code that looks a little like secrets: names, prefixes in messages, other URLs. */
const benignBundle = [
  'const task_live_list = "task_test_suite";',
  'if (!key.startsWith("sk_test_")) throw new Error("expected sk_live_ or sk_test_");',
  'const hint = "whsec_"; const dsn = "https://public@o1.ingest.sentry.io/1";',
  'fetch("postgres://docs.example.com/guide");',
].join("\n");

let distDir: string | undefined;
afterEach(() => {
  if (distDir) rmSync(distDir, { recursive: true, force: true });
  distDir = undefined;
});

/** A build folder holding `files` (path → content), plus one harmless chunk. */
function build(files: Record<string, string>): string {
  distDir = mkdtempSync(path.join(tmpdir(), "taskpilot-secret-scan-"));
  for (const [file, content] of Object.entries({ "static/chunks/main.js": benignBundle, ...files })) {
    mkdirSync(path.dirname(path.join(distDir, file)), { recursive: true });
    writeFileSync(path.join(distDir, file), content);
  }
  return distDir;
}

describe("scanClientAssets", () => {
  it("finds nothing in a clean build", () => {
    expect(scanClientAssets(build({}), secrets)).toEqual([]);
  });

  it("finds the build's own secret values, whole, JSON-escaped or a URL's password alone", () => {
    const dir = build({
      "static/chunks/app/page.js": `const token = "${metricsToken}";`,
      "static/chunks/db.js": `const url = ${JSON.stringify(databaseUrl.replace("s3cr3t-Pa55word", "x"))};`,
      "static/chunks/password.js": 'const p = "s3cr3t-Pa55word";',
      "static/chunks/escaped.js": `const key = ${JSON.stringify('odd"key\\with-escapes')};`,
    });
    expect(scanClientAssets(dir, secrets)).toEqual(
      expect.arrayContaining([
        { file: "static/chunks/app/page.js", secret: "METRICS_TOKEN" },
        { file: "static/chunks/password.js", secret: "DATABASE_URL (its password)" },
        { file: "static/chunks/escaped.js", secret: "CLERK_SECRET_KEY" },
        { file: "static/chunks/db.js", secret: "a database URL with a password" },
      ]),
    );
  });

  it.each([
    [`sk_live_${"0".repeat(24)}`, "a secret API key (sk_…/rk_…)"],
    [`rk_test_${"0".repeat(24)}`, "a secret API key (sk_…/rk_…)"],
    [`whsec_${"0".repeat(32)}`, "a webhook signing secret (whsec_…)"],
    [`${"-".repeat(5)}BEGIN PRIVATE KEY${"-".repeat(5)}`, "a private key"],
    ["sntrys_eyJpYXQiOjE3MDAwMDAwMDB9", "a Sentry auth token (sntrys_…)"],
  ])("finds a planted %s by its shape alone", (planted, secret) => {
    const dir = build({ "static/css/app.css": `/* ${planted} */` });
    expect(scanClientAssets(dir, [])).toEqual([{ file: "static/css/app.css", secret }]);
  });

  it("scans prerendered pages, which browsers get as they are, but not server code", () => {
    const dir = build({
      "server/app/index.html": `<script>self.token="${metricsToken}"</script>`,
      "server/app/index.rsc": `1:["${metricsToken}"]`,
      "server/app/page.js": `const token = "${metricsToken}";`,
      "server/route-cache/APP_PAGE/c6377dd9/$/index.html": `<p>${metricsToken}</p>`,
    });
    expect(scanClientAssets(dir, secrets)).toEqual([
      { file: "server/app/index.html", secret: "METRICS_TOKEN" },
      { file: "server/app/index.rsc", secret: "METRICS_TOKEN" },
      { file: "server/route-cache/APP_PAGE/c6377dd9/$/index.html", secret: "METRICS_TOKEN" },
    ]);
  });

  it("refuses a folder without a build", () => {
    distDir = mkdtempSync(path.join(tmpdir(), "taskpilot-secret-scan-"));
    expect(() => scanClientAssets(distDir!, secrets)).toThrow(/no client assets in .*static: build the app first/);
  });
});

describe("npm run check:client-secrets", () => {
  function check(dir: string, generated: Record<string, string>) {
    const envFile = path.join(dir, "generated.json");
    writeFileSync(envFile, JSON.stringify(generated));
    return spawnSync(
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/check-client-secrets.ts", "--dist-dir", dir, "--env-file", envFile],
      { cwd: root, encoding: "utf8", env: { NODE_ENV: "test", PATH: process.env.PATH } },
    );
  }

  it("fails on a planted secret, naming the file and the variable but not the value", () => {
    const dir = build({ "static/chunks/leak.js": `const t="${metricsToken}";` });
    const result = check(dir, { METRICS_TOKEN: metricsToken });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("  - static/chunks/leak.js: METRICS_TOKEN");
    expect(`${result.stdout}${result.stderr}`).not.toContain(metricsToken);
  });

  it("passes a clean build", () => {
    const result = check(build({}), { METRICS_TOKEN: metricsToken });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
