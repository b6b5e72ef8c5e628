/**
 * `npm run bench [-- name …]`: builds the product and the baseline app (bench/baseline), seeds a user
 * with many tasks, measures each benchmark in bench/benchmarks with autocannon against the product and
 * its reference (the baseline app, or a second product server with observability off, started only
 * when a chosen benchmark needs it), prints a table and saves it as JSON under bench/results/. Every
 * process it starts is stopped at the end.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { emulators } from "../scripts/lib/emulators";
import { ProcessGroup } from "../scripts/lib/processes";
import { readToolEnv } from "../scripts/lib/tool-env";
import { benchmarks } from "./benchmarks";
import { scenarios } from "./scenarios";
import {
  AppLogs,
  assertPortsFree,
  buildBaseline,
  killProcessGroup,
  readStackEnv,
  startBaseline,
  startObservabilityOff,
  startProduct,
  waitUntilReady,
  type StackEnv,
} from "./lib/apps";
import { clerkTestApi } from "./lib/clerk";
import { connectDatabase, pickDatabase, seedTasks, type BenchDatabase } from "./lib/database";
import { combineRounds, invalidReason, measure, verifyTarget, type LoadOptions, type Measurement } from "./lib/measure";
import { measureClientBuild, measureFirstLoadJs, type FirstLoadJs } from "./lib/first-load-js";
import { formatTable, judge, saveResults } from "./lib/report";
import type { Database } from "../db/connect";
import {
  referenceOf,
  type Benchmark,
  type DatabaseConnection,
  type ReferenceApp,
  type Scenario,
  type ScenarioReport,
  type Target,
} from "./lib/types";

const root = path.resolve(import.meta.dirname, "..");
const toolEnv = readToolEnv();
const names = [...benchmarks, ...scenarios].map((entry) => entry.name) as [string, ...string[]];
const { positionals } = parseArgs({ allowPositionals: true });
const selected = z.array(z.enum(names, { error: `expected one of: ${names.join(", ")}` })).parse(positionals);
const isChosen = (entry: { name: string }) => selected.length === 0 || selected.includes(entry.name);
const chosen = benchmarks.filter(isChosen);
const chosenScenarios = scenarios.filter(isChosen);
const needsObservabilityOff = chosen.some((benchmark) => referenceOf(benchmark) === "observability-off");

const port = toolEnv.BENCH_PORT;
const product = `http://127.0.0.1:${port}`;
const referencePorts: Record<ReferenceApp, number> = { baseline: port + 50, "observability-off": port + 60 };
const origins = Object.fromEntries(
  Object.entries(referencePorts).map(([app, appPort]) => [app, `http://127.0.0.1:${appPort}`]),
) as Record<ReferenceApp, string>;
/** Its own build folder, so a bench never overwrites the developer's .next or an e2e build. */
const distDir = ".next-bench";
const load: LoadOptions = { connections: toolEnv.BENCH_CONNECTIONS, durationSeconds: toolEnv.BENCH_DURATION_SECONDS };
const rounds = toolEnv.BENCH_ROUNDS;
const warmup: LoadOptions = { connections: toolEnv.BENCH_CONNECTIONS, durationSeconds: toolEnv.BENCH_WARMUP_SECONDS };

const group = new ProcessGroup();
const logs = new AppLogs(mkdtempSync(path.join(tmpdir(), "taskpilot-bench-")));
/** Apart from the logs, which are kept when a run fails: the stack's generated keys go here. */
const secretsDir = mkdtempSync(path.join(tmpdir(), "taskpilot-bench-env-"));
let database: BenchDatabase | undefined;

const clock = performance.now();
const step = (message: string) => console.log(`[bench +${Math.round((performance.now() - clock) / 1000)}s] ${message}`);

/** The stack and the reference apps, each leading its own process group. */
const leaders: ChildProcess[] = [];

async function cleanUp(): Promise<void> {
  // Longer than the stack's own 5 s grace for `next start`, so the stack always outlives its server.
  await group.stopAll(15_000);
  leaders.forEach(killProcessGroup);
  await database?.drop();
  // Rebuilt on every run, so nothing in it is worth keeping.
  rmSync(path.join(root, distDir), { recursive: true, force: true });
  rmSync(secretsDir, { recursive: true, force: true });
}

/** The observability issue's budget for what Sentry adds to /tasks's First Load JS. */
const sentryBundleGoalBytes = 40 * 1024;
/** The performance issue's budget for all of /tasks's First Load JS. */
const firstLoadGoalBytes = 230 * 1024;

const sentrySources = /node_modules\/@sentry\//;

/**
 * Sentry's share of the signed-in /tasks page's First Load JS, read from the product's build folder,
 * and all of Sentry's browser code in that build (the SDK loads after hydration, off the first load).
 */
async function measureSentryBundle(
  planned: Planned[],
): Promise<{ firstLoad: FirstLoadJs; clientBuild: FirstLoadJs } | undefined> {
  const tasksPage = planned.find((plan) => plan.benchmark.name === "tasks-first-page")?.product;
  if (!tasksPage) return undefined;
  const html = await (await fetch(`${product}${tasksPage.path}`, { headers: tasksPage.headers })).text();
  return {
    firstLoad: measureFirstLoadJs(path.join(root, distDir), html, sentrySources),
    clientBuild: measureClientBuild(path.join(root, distDir), sentrySources),
  };
}

interface Planned {
  benchmark: Benchmark;
  product: Target;
  reference?: Target;
}

/** One server's target in a benchmark, and the rounds measured on it. */
interface Side {
  origin: string;
  target: Target;
  rounds: Measurement[];
}

/** The product's side and, when the benchmark has a reference, the reference's. */
function sidesOf(plan: Planned): [Side] | [Side, Side] {
  const productSide: Side = { origin: product, target: plan.product, rounds: [] };
  return plan.reference
    ? [productSide, { origin: origins[referenceOf(plan.benchmark)], target: plan.reference, rounds: [] }]
    : [productSide];
}

/** Load before measuring, the figures thrown away. */
async function warm(sides: Side[], databasePort: number): Promise<void> {
  for (const side of sides) await measure(side.origin, side.target, warmup, databasePort);
}

/** Builds the baseline app, then starts the product with the stack; answers the stack's generated variables. */
async function startApps(database: BenchDatabase): Promise<StackEnv> {
  step("building the baseline app");
  await buildBaseline(logs);
  step("starting the product with the stack (next build, then next start); this takes a minute or two");
  const envOut = path.join(secretsDir, "stack-env.json");
  const stack = startProduct(group, logs, {
    port,
    distDir,
    envOut,
    // Without DATABASE_URL the stack starts its embedded PGlite; an empty value counts as unset.
    env: { DATABASE_URL: toolEnv.DATABASE_URL ? database.url : "", ...database.appEnv },
  });
  leaders.push(stack);
  await waitUntilReady(`${product}/api/health/ready`, stack, 600_000);
  return readStackEnv(envOut);
}

interface PlannedScenario {
  scenario: Scenario;
  run(connect: () => DatabaseConnection): Promise<ScenarioReport>;
}

/** Seeds the bench user's tasks and runs every chosen benchmark's and scenario's setup. */
async function prepare(
  db: Database,
  stackEnv: StackEnv,
): Promise<{ planned: Planned[]; plannedScenarios: PlannedScenario[] }> {
  const clerk = clerkTestApi(port);
  const profile = { email: `bench.${Date.now()}@example.test`, firstName: "Bench", lastName: "User" };
  const userId = await clerk.createUser(profile);
  step(`seeding ${toolEnv.BENCH_TASK_COUNT.toLocaleString("en-US")} tasks for ${userId}`);
  await seedTasks(
    db,
    { id: userId, email: profile.email, name: `${profile.firstName} ${profile.lastName}` },
    toolEnv.BENCH_TASK_COUNT,
  );
  const session = await clerk.sessionCookie(userId, 3_600);
  const context = {
    db,
    user: { id: userId, taskCount: toolEnv.BENCH_TASK_COUNT },
    signedIn: { cookie: session.cookie },
    origin: product,
    distDir: path.join(root, distDir),
    stackEnv,
  };
  const planned: Planned[] = [];
  for (const benchmark of chosen) planned.push({ benchmark, ...(await benchmark.setup(context)) });
  const plannedScenarios: PlannedScenario[] = [];
  for (const scenario of chosenScenarios) plannedScenarios.push({ scenario, ...(await scenario.setup(context)) });
  return { planned, plannedScenarios };
}

/** The baseline app, and the product with observability off when a chosen benchmark measures against it. */
async function startReferences(database: BenchDatabase, stackEnv: StackEnv): Promise<void> {
  step("starting the baseline app");
  const baselineApp = startBaseline(group, logs, {
    port: referencePorts.baseline,
    env: { DATABASE_URL: database.url, ...database.appEnv },
  });
  leaders.push(baselineApp);
  await waitUntilReady(`${origins.baseline}/api/ready`, baselineApp, 60_000);
  if (!needsObservabilityOff) return;
  step("starting a second product server from the same build, with Sentry, logging and metrics off");
  const off = startObservabilityOff(group, logs, {
    port: referencePorts["observability-off"],
    distDir,
    env: { ...database.appEnv, ...stackEnv },
  });
  leaders.push(off);
  await waitUntilReady(`${origins["observability-off"]}/api/health/ready`, off, 60_000);
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0];
  const stackPorts = [port, ...emulators.map((emulator) => port + emulator.portOffset), port + 40];
  await assertPortsFree([
    ...stackPorts,
    referencePorts.baseline,
    ...(needsObservabilityOff ? [referencePorts["observability-off"]] : []),
  ]);
  const picked = await pickDatabase(toolEnv.DATABASE_URL, port);
  database = picked;
  step(`database: ${picked.description}`);
  const stackEnv = await startApps(picked);

  const { db, sql } = connectDatabase(picked.url);
  let planned: Planned[];
  let plannedScenarios: PlannedScenario[];
  try {
    ({ planned, plannedScenarios } = await prepare(db, stackEnv));
    await startReferences(picked, stackEnv);
    step("checking every target answers 200 with the expected content (and adds rows where it writes)");
    for (const plan of planned) {
      for (const side of sidesOf(plan)) await verifyTarget(side.origin, side.target, db);
    }
  } finally {
    // Closed before any load: PGlite serves one connection at a time, and an idle pool is noise anyway.
    await sql.end();
  }
  const sentryBundle = await measureSentryBundle(planned);

  const databasePort = Number(new URL(picked.url).port || 5432);
  // The reference apps start after the product has served the stack's checks and earlier targets; a
  // first pass over every target of every server keeps them from meeting their first target colder.
  // Targets that write come later, so every page before them is measured on the seeded rows alone.
  step(`warming every server on each of its read-only targets (${warmup.durationSeconds} s each)`);
  for (const plan of planned.filter((candidate) => !candidate.product.countRows))
    await warm(sidesOf(plan), databasePort);
  const measured: { benchmark: Benchmark; product: Measurement; reference?: Measurement }[] = [];
  for (const plan of planned) {
    const perTarget = `${rounds} rounds of ${load.durationSeconds} s × ${load.connections} connections per target`;
    step(`${plan.benchmark.name}: ${perTarget}`);
    const sides = sidesOf(plan);
    await warm(sides, databasePort);
    for (let round = 0; round < rounds; round++) {
      // Who goes first alternates, so neither side always runs right after the other's load.
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) side.rounds.push(await measure(side.origin, side.target, load, databasePort));
    }
    const [productSide, referenceSide] = sides;
    measured.push({
      benchmark: plan.benchmark,
      product: combineRounds(productSide.rounds),
      reference: referenceSide && combineRounds(referenceSide.rounds),
    });
  }

  const scenarioReports: { scenario: string; summary: string; report: ScenarioReport }[] = [];
  for (const { scenario, run } of plannedScenarios) {
    step(`${scenario.name}: ${scenario.summary}`);
    const connect = (): DatabaseConnection => {
      const { db: handle, sql: client } = connectDatabase(picked.url);
      return { db: handle, close: () => client.end() };
    };
    scenarioReports.push({ scenario: scenario.name, summary: scenario.summary, report: await run(connect) });
  }

  const byName = new Map(measured.map((entry) => [entry.benchmark.name, entry.product]));
  const results = measured.map((entry) => judge(entry.benchmark, entry.product, entry.reference, byName));
  const settings = {
    connections: load.connections,
    durationSeconds: load.durationSeconds,
    rounds,
    warmupSeconds: warmup.durationSeconds,
    taskCount: toolEnv.BENCH_TASK_COUNT,
  };
  // Other work on the machine (an e2e run, a build) skews every figure; the load average says how much there was.
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: { atStart: loadAtStart, atEnd: loadavg()[0] },
  };

  console.log(`\nDatabase: ${picked.description}`);
  console.log(
    `${load.connections} connections; per target ${rounds} rounds of ${load.durationSeconds} s, ` +
      `taking turns with its reference, after ${warmup.durationSeconds} s of warm-up; ` +
      `${machine.cpus} CPUs, Node ${machine.node}, load average ${loadAtStart?.toFixed(1)} at start, ` +
      `${machine.loadAverage.atEnd?.toFixed(1)} at end\n`,
  );
  console.log(formatTable(results));
  if (sentryBundle) {
    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    const { firstLoad, clientBuild } = sentryBundle;
    const verdict = firstLoad.attributedGzipBytes <= sentryBundleGoalBytes ? "pass" : "FAIL";
    const totalVerdict = firstLoad.totalGzipBytes <= firstLoadGoalBytes ? "pass" : "FAIL";
    console.log(
      `\nFirst Load JS on signed-in /tasks: ${kb(firstLoad.totalGzipBytes)} KB gzipped ` +
        `in ${firstLoad.chunks} scripts (${firstLoad.unmappedChunks} without a source map) ` +
        `(goal ≤ ${kb(firstLoadGoalBytes)} KB): ${totalVerdict}; ` +
        `Sentry's share ${kb(firstLoad.attributedGzipBytes)} KB ` +
        `(goal ≤ ${kb(sentryBundleGoalBytes)} KB): ${verdict}\n` +
        `Sentry in the whole browser build, loaded after hydration: ${kb(clientBuild.attributedGzipBytes)} KB gzipped`,
    );
  }
  for (const { scenario, summary, report } of scenarioReports) {
    console.log(`\n${scenario} (${summary})`);
    for (const line of report.lines) console.log(`  ${line}`);
    for (const goal of report.goals) console.log(`  goal: ${goal.label}: ${goal.pass ? "pass" : "FAIL"}`);
  }
  const file = saveResults(startedAt, {
    startedAt,
    finishedAt: new Date(),
    database: picked.description,
    settings,
    machine,
    results,
    sentryBundle,
    scenarios: scenarioReports,
  });
  console.log(`\n[bench] saved ${path.relative(root, file)}`);

  const invalid = results.some(
    (result) => invalidReason(result.product) || (result.reference && invalidReason(result.reference)),
  );
  return invalid ? 1 : 0;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    step(`${signal}: stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
  console.error(`[bench] logs kept in ${logs.dir}\n${logs.tails()}`);
} finally {
  await cleanUp();
}
if (code === 0) rmSync(logs.dir, { recursive: true, force: true });
process.exit(code);
