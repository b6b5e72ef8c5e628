import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { invalidReason, type Measurement } from "./measure";
import { referenceOf, type Benchmark, type Goal, type ReferenceApp, type RelativeGoal } from "./types";

export interface BenchmarkResult {
  benchmark: string;
  summary: string;
  product: Measurement;
  /** What the reference figure was measured on. */
  referenceApp: ReferenceApp;
  reference?: Measurement;
  /** Product rps / reference rps. */
  ratioVsReference?: number;
  /** Product app CPU per request / reference app CPU per request. */
  appCpuVsReference?: number;
  goals: (Goal & { text: string; actual?: number; pass?: boolean })[];
}

function metricValue(measurement: Measurement, metric: RelativeGoal["metric"]): number {
  if (metric === "rps") return measurement.rps;
  if (metric === "appCpu") return measurement.cpuMsPerRequest.app ?? Number.NaN;
  if (metric === "dbCpu") return measurement.cpuMsPerRequest.database ?? Number.NaN;
  return measurement.latencyMs[metric];
}

function describeGoal(goal: Goal): string {
  if (goal.metric === "kbPerResponse") return `≤ ${goal.atMost} KB/response`;
  const reference = goal.versus === "reference" ? "reference" : goal.versus.benchmark;
  return `${goal.metric} ${goal.metric === "rps" ? "≥" : "≤"} ${goal.ratio}× ${reference}`;
}

/** The goal's figure (a ratio, or KB for a size budget) and whether it passes; undefined if unmeasured. */
function judgeGoal(
  goal: Goal,
  product: Measurement,
  referenceResult: Measurement | undefined,
  all: Map<string, Measurement>,
): { actual?: number; pass?: boolean } {
  if (invalidReason(product)) return {};
  if (goal.metric === "kbPerResponse") {
    const kb = product.bytesPerResponse / 1024;
    return { actual: kb, pass: kb <= goal.atMost };
  }
  const reference = goal.versus === "reference" ? referenceResult : all.get(goal.versus.benchmark);
  if (!reference || invalidReason(reference)) return {};
  const referenceValue = metricValue(reference, goal.metric);
  const ratio = metricValue(product, goal.metric) / referenceValue;
  if (!(referenceValue > 0) || !Number.isFinite(ratio)) return {};
  return { actual: ratio, pass: goal.metric === "rps" ? ratio >= goal.ratio : ratio <= goal.ratio };
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
    appCpuVsReference:
      referenceResult?.cpuMsPerRequest.app && product.cpuMsPerRequest.app !== undefined
        ? product.cpuMsPerRequest.app / referenceResult.cpuMsPerRequest.app
        : undefined,
    goals: [],
  };
  for (const goal of benchmark.goals ?? []) {
    result.goals.push({ ...goal, text: describeGoal(goal), ...judgeGoal(goal, product, referenceResult, all) });
  }
  return result;
}

const fixed = (value: number | undefined, digits: number) => (value === undefined ? "—" : value.toFixed(digits));

const formatActual = (goal: Goal & { actual?: number }) =>
  goal.metric === "kbPerResponse" ? `${fixed(goal.actual, 1)} KB` : `${fixed(goal.actual, 2)}×`;

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
    isProduct && result.appCpuVsReference !== undefined ? `${result.appCpuVsReference.toFixed(2)}×` : "",
    isProduct
      ? result.goals
          .map((goal) => `${goal.text}${goal.actual === undefined ? "" : ` (${formatActual(goal)})`}`)
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
    "rps vs ref",
    "app CPU vs ref",
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
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8, 9]);
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
