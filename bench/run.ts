/**
 * `npm run bench [-- name …]`: builds the product and the baseline app (bench/baseline), seeds a user
 * with many tasks, measures each benchmark in bench/benchmarks with autocannon against both, prints a
 * table and saves it as JSON under bench/results/. Every process it starts is stopped at the end.
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
import { AppLogs, assertPortsFree, buildBaseline, killProcessGroup, startBaseline, startProduct, waitUntilReady } from "./lib/apps";
import { clerkTestApi } from "./lib/clerk";
import { connectDatabase, pickDatabase, seedTasks, type BenchDatabase } from "./lib/database";
import { invalidReason, measure, verifyTarget, type LoadOptions, type Measurement } from "./lib/measure";
import { formatTable, judge, saveResults } from "./lib/report";
import type { Benchmark, Target } from "./lib/types";

const root = path.resolve(import.meta.dirname, "..");
const toolEnv = readToolEnv();
const names = benchmarks.map((benchmark) => benchmark.name) as [string, ...string[]];
const { positionals } = parseArgs({ allowPositionals: true });
const selected = z.array(z.enum(names, { error: `expected one of: ${names.join(", ")}` })).parse(positionals);
const chosen = selected.length > 0 ? benchmarks.filter((benchmark) => selected.includes(benchmark.name)) : benchmarks;

const port = toolEnv.BENCH_PORT;
const baselinePort = port + 50;
const product = `http://127.0.0.1:${port}`;
const baseline = `http://127.0.0.1:${baselinePort}`;
/** Its own build folder, so a bench never overwrites the developer's .next or an e2e build. */
const distDir = ".next-bench";
const load: LoadOptions = { connections: toolEnv.BENCH_CONNECTIONS, durationSeconds: toolEnv.BENCH_DURATION_SECONDS };
/** Long enough for cold routes to be compiled into memory and pools to fill, short enough to not matter. */
const warmup: LoadOptions = { connections: toolEnv.BENCH_CONNECTIONS, durationSeconds: 2 };

const group = new ProcessGroup();
const logs = new AppLogs(mkdtempSync(path.join(tmpdir(), "taskpilot-bench-")));
let database: BenchDatabase | undefined;

const clock = performance.now();
const step = (message: string) => console.log(`[bench +${Math.round((performance.now() - clock) / 1000)}s] ${message}`);

/** The stack and the baseline, each leading its own process group. */
const leaders: ChildProcess[] = [];

async function cleanUp(): Promise<void> {
  // Longer than the stack's own 5 s grace for `next start`, so the stack always outlives its server.
  await group.stopAll(15_000);
  leaders.forEach(killProcessGroup);
  await database?.drop();
  // Rebuilt on every run, so nothing in it is worth keeping.
  rmSync(path.join(root, distDir), { recursive: true, force: true });
}

interface Planned {
  benchmark: Benchmark;
  product: Target;
  baseline?: Target;
}

/** Builds both apps, starts the product, seeds the bench user's tasks and runs every benchmark's setup. */
async function prepare(database: BenchDatabase): Promise<Planned[]> {
  step("building the baseline app");
  await buildBaseline(logs);
  step("starting the product with the stack (next build, then next start); this takes a minute or two");
  const stack = startProduct(group, logs, {
    port,
    distDir,
    // Without DATABASE_URL the stack starts its embedded PGlite; an empty value counts as unset.
    env: { DATABASE_URL: toolEnv.DATABASE_URL ? database.url : "", ...database.appEnv },
  });
  leaders.push(stack);
  await waitUntilReady(`${product}/api/health/ready`, stack, 600_000);

  const clerk = clerkTestApi(port);
  const profile = { email: `bench.${Date.now()}@example.test`, firstName: "Bench", lastName: "User" };
  const userId = await clerk.createUser(profile);
  step(`seeding ${toolEnv.BENCH_TASK_COUNT.toLocaleString("en-US")} tasks for ${userId}`);
  const { db, sql } = connectDatabase(database.url);
  try {
    await seedTasks(db, { id: userId, email: profile.email, name: `${profile.firstName} ${profile.lastName}` }, toolEnv.BENCH_TASK_COUNT);
    const session = await clerk.sessionCookie(userId, 3_600);
    const context = { db, user: { id: userId, taskCount: toolEnv.BENCH_TASK_COUNT }, signedIn: { cookie: session.cookie } };
    const planned: Planned[] = [];
    for (const benchmark of chosen) planned.push({ benchmark, ...(await benchmark.setup(context)) });
    return planned;
  } finally {
    // Closed before any load: PGlite serves one connection at a time, and an idle pool is noise anyway.
    await sql.end();
  }
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0];
  await assertPortsFree([port, ...emulators.map((emulator) => port + emulator.portOffset), port + 40, baselinePort]);
  const picked = await pickDatabase(toolEnv.DATABASE_URL, port);
  database = picked;
  step(`database: ${picked.description}`);
  const planned = await prepare(picked);

  step("starting the baseline app");
  const baselineApp = startBaseline(group, logs, { port: baselinePort, env: { DATABASE_URL: picked.url, ...picked.appEnv } });
  leaders.push(baselineApp);
  await waitUntilReady(`${baseline}/api/ready`, baselineApp, 60_000);

  step("checking every target answers 200 with the expected content");
  for (const plan of planned) {
    await verifyTarget(product, plan.product);
    if (plan.baseline) await verifyTarget(baseline, plan.baseline);
  }

  const measured: { benchmark: Benchmark; product: Measurement; baseline?: Measurement }[] = [];
  for (const plan of planned) {
    step(`${plan.benchmark.name}: ${load.durationSeconds} s × ${load.connections} connections per target`);
    await measure(product, plan.product, warmup);
    const productResult = await measure(product, plan.product, load);
    let baselineResult: Measurement | undefined;
    if (plan.baseline) {
      await measure(baseline, plan.baseline, warmup);
      baselineResult = await measure(baseline, plan.baseline, load);
    }
    measured.push({ benchmark: plan.benchmark, product: productResult, baseline: baselineResult });
  }

  const byName = new Map(measured.map((entry) => [entry.benchmark.name, entry.product]));
  const results = measured.map((entry) => judge(entry.benchmark, entry.product, entry.baseline, byName));
  const settings = { connections: load.connections, durationSeconds: load.durationSeconds, warmupSeconds: warmup.durationSeconds, taskCount: toolEnv.BENCH_TASK_COUNT };
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
    `${load.connections} connections, ${load.durationSeconds} s per target after a ${warmup.durationSeconds} s warm-up; ` +
      `${machine.cpus} CPUs, Node ${machine.node}, load average ${loadAtStart?.toFixed(1)} at start, ${machine.loadAverage.atEnd?.toFixed(1)} at end\n`,
  );
  console.log(formatTable(results));
  const file = saveResults(startedAt, { startedAt, finishedAt: new Date(), database: picked.description, settings, machine, results });
  console.log(`\n[bench] saved ${path.relative(root, file)}`);

  const invalid = results.some((result) => invalidReason(result.product) || (result.baseline && invalidReason(result.baseline)));
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
