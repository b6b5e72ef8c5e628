import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { invalidReason, type Measurement } from "./measure";
import { referenceOf, type Benchmark, type Goal, type ReferenceApp } from "./types";

export interface BenchmarkResult {
  benchmark: string;
  summary: string;
  product: Measurement;
  /** What the reference figure was measured on. */
  referenceApp: ReferenceApp;
  reference?: Measurement;
  /** Product rps / reference rps. */
  ratioVsReference?: number;
  goals: (Goal & { text: string; actual?: number; pass?: boolean })[];
}

function metricValue(measurement: Measurement, metric: Goal["metric"]): number {
  if (metric === "rps") return measurement.rps;
  if (metric === "dbCpu") return measurement.cpuMsPerRequest.database ?? Number.NaN;
  return measurement.latencyMs[metric];
}

function describeGoal(goal: Goal): string {
  const reference = goal.versus === "reference" ? "reference" : goal.versus.benchmark;
  return `${goal.metric} ${goal.metric === "rps" ? "≥" : "≤"} ${goal.ratio}× ${reference}`;
}

/** Goals compare against the reference or another benchmark's product figure, so they are judged once all have run. */
export function judge(
  benchmark: Benchmark,
  product: Measurement,
  referenceResult: Measurement | undefined,
  all: Map<string, Measurement>,
): BenchmarkResult {
  const result: BenchmarkResult = {
    benchmark: benchmark.name,
    summary: benchmark.summary,
    product,
    referenceApp: referenceOf(benchmark),
    reference: referenceResult,
    ratioVsReference: referenceResult && referenceResult.rps > 0 ? product.rps / referenceResult.rps : undefined,
    goals: [],
  };
  for (const goal of benchmark.goals ?? []) {
    const reference = goal.versus === "reference" ? referenceResult : all.get(goal.versus.benchmark);
    const valid = !invalidReason(product) && reference !== undefined && !invalidReason(reference);
    const referenceValue = reference ? metricValue(reference, goal.metric) : 0;
    const ratio = metricValue(product, goal.metric) / referenceValue;
    const actual = valid && referenceValue > 0 && Number.isFinite(ratio) ? ratio : undefined;
    const pass = actual === undefined ? undefined : goal.metric === "rps" ? actual >= goal.ratio : actual <= goal.ratio;
    result.goals.push({ ...goal, text: describeGoal(goal), actual, pass });
  }
  return result;
}

const fixed = (value: number | undefined, digits: number) => (value === undefined ? "—" : value.toFixed(digits));

/** How each app is named in the table's target column. */
const labels: Record<"product" | ReferenceApp, string> = {
  product: "product",
  baseline: "baseline",
  "observability-off": "product, observability off",
};

function row(result: BenchmarkResult, target: "product" | ReferenceApp, measurement: Measurement): string[] {
  const invalid = invalidReason(measurement);
  const isProduct = target === "product";
  const verdicts = result.goals.map((goal) => (goal.pass === undefined ? "—" : goal.pass ? "pass" : "FAIL"));
  const verdict = invalid ? `INVALID: ${invalid}` : isProduct ? verdicts.join("; ") : "";
  return [
    isProduct ? result.benchmark : "",
    `${labels[target]} ${measurement.method} ${measurement.url.replace(/([?&](?:user|cursor)=)[^&]+/g, "$1…")}`,
    fixed(measurement.rps, 0),
    fixed(measurement.latencyMs.p50, 0),
    fixed(measurement.latencyMs.p99, 0),
    fixed(measurement.bytesPerResponse / 1024, 1),
    fixed(measurement.cpuMsPerRequest.app, 1),
    fixed(measurement.cpuMsPerRequest.database, 1),
    isProduct && result.ratioVsReference !== undefined ? `${result.ratioVsReference.toFixed(2)}×` : "",
    isProduct
      ? result.goals
          .map((goal) => `${goal.text}${goal.actual === undefined ? "" : ` (${goal.actual.toFixed(2)}×)`}`)
          .join("; ")
      : "",
    verdict,
  ];
}

export function formatTable(results: BenchmarkResult[]): string {
  const header = [
    "benchmark",
    "target",
    "rps",
    "p50 ms",
    "p99 ms",
    "KB/resp",
    "app CPU ms/req",
    "db CPU ms/req",
    "vs reference",
    "goal",
    "result",
  ];
  const rows = results.flatMap((result) => [
    row(result, "product", result.product),
    ...(result.reference ? [row(result, result.referenceApp, result.reference)] : []),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((cells) => cells[column]?.length ?? 0)),
  );
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8]);
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

/** bench/results/<ISO timestamp>.json (git-ignored), named by the run's start time. */
export function saveResults(startedAt: Date, report: object): string {
  const dir = path.resolve(import.meta.dirname, "..", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${startedAt.toISOString().replace(/:/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
