/**
 * `npm test`: lint, typecheck, unit, integration and e2e, in that order, then the scan of the e2e build's
 * browser-facing files for server secrets. Every suite runs even when an earlier one fails, and the run
 * ends with one line counting all of them: `N passed, N failed`. `--only unit,e2e` runs a subset (the
 * scan comes with e2e).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureChromium } from "./lib/chromium";
import { createFreshDatabase, type FreshDatabase } from "./lib/test-database";
import { readToolEnv } from "./lib/tool-env";

interface Tally {
  passed: number;
  failed: number;
}

const { values } = parseArgs({ options: { only: { type: "string" } } });
const only = values.only?.split(",");
const toolEnv = readToolEnv();
const reports = mkdtempSync(path.join(tmpdir(), "taskpilot-test-"));
const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
/** The configuration the e2e server's stack generated (and built with); see playwright.config.ts. */
const e2eEnvOut = path.join(reports, "e2e-env.json");
/** Where playwright.config.ts has the stack build the e2e app. */
const e2eDistDir = ".next-e2e";

function run(command: string, args: string[], env: NodeJS.ProcessEnv = baseEnv): boolean {
  console.log(`\n$ ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env }).status === 0;
}

/** A check with no test count of its own (lint, typecheck) counts as one test. */
function check(command: string, args: string[]): Tally {
  const ok = run(command, args);
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
}

function readReport(file: string, count: (report: never) => Tally): Tally | undefined {
  return existsSync(file) ? count(JSON.parse(readFileSync(file, "utf8")) as never) : undefined;
}

function vitest(project: string): Tally {
  const output = path.join(reports, `${project}.json`);
  const ok = run("vitest", [
    "run",
    "--project",
    project,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${output}`,
  ]);
  const tally = readReport(output, (report: { numPassedTests: number; numFailedTests: number }) => ({
    passed: report.numPassedTests,
    failed: report.numFailedTests,
  }));
  // A suite that crashed before reporting still counts as a failure.
  return tally && (ok || tally.failed > 0) ? tally : { passed: tally?.passed ?? 0, failed: (tally?.failed ?? 0) + 1 };
}

async function e2e(): Promise<Tally> {
  let chromium: string | undefined;
  try {
    chromium = ensureChromium(toolEnv.CHROMIUM_PATH);
  } catch (error) {
    console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
    return { passed: 0, failed: 1 };
  }
  let database: FreshDatabase | undefined;
  if (toolEnv.DATABASE_URL) database = await createFreshDatabase(toolEnv.DATABASE_URL, "e2e");
  const output = path.join(reports, "e2e.json");
  try {
    const ok = run("playwright", ["test", "--reporter=list,json"], {
      ...baseEnv,
      ...(chromium ? { CHROMIUM_PATH: chromium } : {}),
      ...(database ? { DATABASE_URL: database.url } : {}),
      PLAYWRIGHT_JSON_OUTPUT_NAME: output,
      E2E_ENV_OUT: e2eEnvOut,
    });
    const tally = readReport(output, (report: { stats: { expected: number; unexpected: number; flaky: number } }) => ({
      passed: report.stats.expected + report.stats.flaky,
      failed: report.stats.unexpected,
    }));
    return tally && (ok || tally.failed > 0) ? tally : { passed: tally?.passed ?? 0, failed: (tally?.failed ?? 0) + 1 };
  } finally {
    await database?.drop();
  }
}

/**
 * The e2e build, with the secrets it was made with: the stack writes them before it builds, and Next.js
 * writes BUILD_ID when a build completes, so an older build left in the folder is never scanned instead.
 */
function clientSecrets(): Tally {
  const buildId = path.join(e2eDistDir, "BUILD_ID");
  if (!existsSync(e2eEnvOut) || !existsSync(buildId) || statSync(buildId).mtimeMs < statSync(e2eEnvOut).mtimeMs) {
    console.error("[test] the e2e build did not complete, so there is no build to scan for secrets");
    return { passed: 0, failed: 1 };
  }
  return check("tsx", ["scripts/check-client-secrets.ts", "--dist-dir", e2eDistDir, "--env-file", e2eEnvOut]);
}

const suites: Record<string, () => Tally | Promise<Tally>> = {
  lint: () => check("npm", ["run", "--silent", "lint"]),
  typecheck: () => check("npm", ["run", "--silent", "typecheck"]),
  unit: () => vitest("unit"),
  integration: () => vitest("integration"),
  e2e,
  "client-secrets": clientSecrets,
};
const runsWith: Record<string, string> = { "client-secrets": "e2e" };

const total: Tally = { passed: 0, failed: 0 };
const summary: string[] = [];
for (const [name, suite] of Object.entries(suites)) {
  if (only && !only.includes(name) && !only.includes(runsWith[name] ?? name)) continue;
  const tally = await suite();
  total.passed += tally.passed;
  total.failed += tally.failed;
  summary.push(`  ${name.padEnd(15)} ${tally.passed} passed, ${tally.failed} failed`);
}
rmSync(reports, { recursive: true, force: true });
console.log(`\n${summary.join("\n")}\n`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed > 0 ? 1 : 0);
