/**
 * `npm run lighthouse`: Lighthouse (default mobile settings) against the production build as
 * `npm run demo` serves it, with Debian's Chromium: `/` signed out and `/tasks` signed in as a user
 * with a page of tasks. Each page is audited three times and the median of each category is printed
 * (scores move by a few points between runs), with the performance issue's goals as pass or fail.
 * Exits 1 when a goal fails. The JSON reports are kept under bench/results/lighthouse-<time>/.
 *
 * The bench's bare Next.js app (bench/baseline) is audited the same way on its `/`, which carries the
 * landing page's text and markup: Lighthouse simulates a phone from this machine's CPU, so the bare
 * page's score says what any Next.js page scores here, and the landing page's can be read against it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import { findChromium } from "../scripts/lib/chromium";
import { ProcessGroup } from "../scripts/lib/processes";
import { readToolEnv } from "../scripts/lib/tool-env";
import {
  AppLogs,
  assertPortsFree,
  buildBaseline,
  killProcessGroup,
  readStackEnv,
  startBaseline,
  startProduct,
  waitUntilReady,
} from "./lib/apps";
import { clerkTestApi } from "./lib/clerk";
import { connectDatabase, pickDatabase, seedTasks } from "./lib/database";

const categories = ["performance", "accessibility", "best-practices", "seo"] as const;
type Category = (typeof categories)[number];
type Scores = Record<Category, number>;

interface Page {
  name: string;
  path: string;
  signedIn: boolean;
  /** The lowest median score each category may have. */
  goals: Partial<Scores>;
}

const pages: Page[] = [
  {
    name: "landing",
    path: "/",
    signedIn: false,
    goals: { performance: 95, accessibility: 100, "best-practices": 100, seo: 100 },
  },
  { name: "tasks", path: "/tasks", signedIn: true, goals: { performance: 80, accessibility: 100 } },
];
const runsPerPage = 3;

const root = path.resolve(import.meta.dirname, "..");
const toolEnv = readToolEnv();
const port = toolEnv.LIGHTHOUSE_PORT;
const origin = `http://localhost:${port}`;
const baselinePort = port + 50;
const baselineOrigin = `http://localhost:${baselinePort}`;
const distDir = ".next-lighthouse";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * One Lighthouse run in a Chromium of its own. In a browser kept between runs, the cookies clerk-js set in
 * one run outlived it and sent the next signed-in run to sign-in; its caches would also warm the next run.
 */
async function audit(
  url: string,
  chromePath: string,
  cookie: string | undefined,
): Promise<{ scores: Scores; report: string }> {
  const chrome = await launch({
    chromePath,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"],
  });
  try {
    return await auditIn(chrome.port, url, cookie);
  } finally {
    chrome.kill();
  }
}

async function auditIn(
  chromePort: number,
  url: string,
  cookie: string | undefined,
): Promise<{ scores: Scores; report: string }> {
  const result = await lighthouse(url, {
    port: chromePort,
    output: "json",
    logLevel: "error",
    onlyCategories: [...categories],
    extraHeaders: cookie ? { Cookie: cookie } : undefined,
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(
    categories.map((category) => [category, Math.round((lhr.categories[category]?.score ?? 0) * 100)]),
  ) as Scores;
  return { scores, report: typeof result.report === "string" ? result.report : JSON.stringify(lhr) };
}

/** Three audits of `url`, each report kept as `<name>-<run>.json`; answers the median of each category. */
async function auditMedian(
  name: string,
  url: string,
  chromePath: string,
  cookie: string | undefined,
  resultsDir: string,
): Promise<Scores> {
  const runs: Scores[] = [];
  for (let run = 1; run <= runsPerPage; run += 1) {
    const { scores, report } = await audit(url, chromePath, cookie);
    writeFileSync(path.join(resultsDir, `${name}-${run}.json`), report);
    runs.push(scores);
  }
  return Object.fromEntries(
    categories.map((category) => [category, median(runs.map((scores) => scores[category]))]),
  ) as Scores;
}

async function main(): Promise<number> {
  await assertPortsFree([port, baselinePort]);
  const group = new ProcessGroup();
  const logs = new AppLogs(mkdtempSync(path.join(tmpdir(), "taskpilot-lighthouse-")));
  const secretsDir = mkdtempSync(path.join(tmpdir(), "taskpilot-lighthouse-env-"));
  const database = await pickDatabase(toolEnv.DATABASE_URL, port);
  const resultsDir = path.join(root, "bench", "results", `lighthouse-${new Date().toISOString().replace(/:/g, "-")}`);
  const stack = startProduct(group, logs, {
    port,
    distDir,
    envOut: path.join(secretsDir, "stack-env.json"),
    env: { DATABASE_URL: toolEnv.DATABASE_URL ? database.url : "", ...database.appEnv },
  });
  const leaders = [stack];
  try {
    console.log("[lighthouse] building and starting the product (npm run demo's way); this takes a minute or two");
    await waitUntilReady(`${origin}/api/health/ready`, stack, 600_000);
    readStackEnv(path.join(secretsDir, "stack-env.json"));

    const clerk = clerkTestApi(port);
    const profile = { email: `lighthouse.${Date.now()}@example.test`, firstName: "Light", lastName: "House" };
    const userId = await clerk.createUser(profile);
    const { db, sql } = connectDatabase(database.url);
    try {
      await seedTasks(db, { id: userId, email: profile.email, name: "Light House" }, 20);
    } finally {
      await sql.end();
    }
    const { cookie } = await clerk.sessionCookie(userId, 3_600);

    const chromePath = findChromium(toolEnv.CHROMIUM_PATH);
    if (!chromePath) throw new Error("no Chromium found: apt-get install -y chromium, or set CHROMIUM_PATH");
    mkdirSync(resultsDir, { recursive: true });
    let failed = false;
    for (const page of pages) {
      const scores = await auditMedian(
        page.name,
        `${origin}${page.path}`,
        chromePath,
        page.signedIn ? cookie : undefined,
        resultsDir,
      );
      const line = categories.map((category) => {
        const goal = page.goals[category];
        const verdict =
          goal === undefined ? "" : scores[category] >= goal ? ` (goal ≥ ${goal}: pass)` : ` (goal ≥ ${goal}: FAIL)`;
        if (goal !== undefined && scores[category] < goal) failed = true;
        return `${category} ${scores[category]}${verdict}`;
      });
      console.log(`${page.path}${page.signedIn ? " (signed in)" : ""}: ${line.join(", ")}`);
    }

    console.log("[lighthouse] building and starting the bare Next.js app (bench/baseline) for reference");
    await buildBaseline(logs);
    const baseline = startBaseline(group, logs, {
      port: baselinePort,
      env: { DATABASE_URL: database.url, ...database.appEnv },
    });
    leaders.push(baseline);
    await waitUntilReady(`${baselineOrigin}/`, baseline, 60_000);
    const bare = await auditMedian("bare-landing", `${baselineOrigin}/`, chromePath, undefined, resultsDir);
    const bareLine = categories.map((category) => `${category} ${bare[category]}`).join(", ");
    console.log(`/ of the bare Next.js app (reference, no goal): ${bareLine}`);
    console.log(`[lighthouse] median of ${runsPerPage} runs per page; reports in ${path.relative(root, resultsDir)}`);
    return failed ? 1 : 0;
  } finally {
    await group.stopAll(15_000);
    leaders.forEach(killProcessGroup);
    await database.drop();
    rmSync(path.join(root, distDir), { recursive: true, force: true });
    rmSync(secretsDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
