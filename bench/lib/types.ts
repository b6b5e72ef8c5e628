import type { Database } from "../../db/connect";
import type { StackEnv } from "./apps";

/** One HTTP request to measure, against the product or the reference app. */
export interface Target {
  path: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /**
   * A new body and extra headers for every request, in place of `body`: for endpoints that must see
   * each request once (a Stripe event id, and the signature over it). Called by autocannon per request.
   */
  next?(): { body: string; headers?: Record<string, string> };
  /** Throws unless one response body is the real thing (not a sign-in page, not an empty list). */
  verify?(body: string): void;
  /** Rows one request must add (events, tasks): counted before and after the checking request. */
  countRows?(db: Database): Promise<number>;
}

/**
 * What a benchmark's reference target runs against: the bare baseline app (bench/baseline), or a
 * second product server from the same build with Sentry, logging and metrics turned off.
 */
export type ReferenceApp = "baseline" | "observability-off";

export interface RelativeGoal {
  /**
   * Throughput (higher is better), a latency percentile, or the app's or the database server's CPU
   * milliseconds per request (lower is better).
   */
  metric: "rps" | "p50" | "p99" | "appCpu" | "dbCpu";
  /** The reference: this benchmark's reference target, or another benchmark's product figure. */
  versus: "reference" | { benchmark: string };
  /** rps: at least this fraction of the reference. The others: at most this multiple of it. */
  ratio: number;
}

/** A budget that needs no reference: the product's response size, in KB (1,024 bytes). */
export interface SizeGoal {
  metric: "kbPerResponse";
  atMost: number;
}

export type Goal = RelativeGoal | SizeGoal;

/** What every benchmark's setup can use. The database handle is closed before measuring starts. */
export interface BenchContext {
  db: Database;
  /** The signed-in bench user, who owns the seeded tasks and is on the Pro plan. */
  user: { id: string; taskCount: number };
  /** Request headers that sign a request in as the bench user (session cookies). */
  signedIn: Record<string, string>;
  /** The product's origin, for headers a browser sends (Origin on a Server Action). */
  origin: string;
  /** The product's build folder (absolute), for its manifests. */
  distDir: string;
  /** The variables the stack generated for the product (Stripe keys and URL among them). */
  stackEnv: StackEnv;
}

export interface Benchmark {
  /** Kebab-case; also the name to pass to `npm run bench -- <name>`. */
  name: string;
  summary: string;
  /** What the reference target runs against; "baseline" when unset. */
  reference?: ReferenceApp;
  /** Prepares data the measurement needs and returns the requests to measure. */
  setup(context: BenchContext): Promise<{ product: Target; reference?: Target }>;
  goals?: Goal[];
}

/** The app a benchmark's reference target runs on: the baseline unless it names another. */
export const referenceOf = (benchmark: Benchmark): ReferenceApp => benchmark.reference ?? "baseline";

/** One goal of a scenario, judged from what the scenario observed. */
export interface ScenarioGoal {
  label: string;
  pass: boolean;
}

export interface ScenarioReport {
  /** Figures for the printed report and the saved JSON. */
  figures: Record<string, unknown>;
  /** Lines to print, in order. */
  lines: string[];
  goals: ScenarioGoal[];
}

/**
 * A run that is not a throughput comparison: a fault is injected and the product's behaviour under it
 * is observed (latencies, answers, the state it ends in). Runs after every benchmark, on the same stack.
 */
export interface Scenario {
  name: string;
  summary: string;
  /** Prepares data with the bench's database handle; the returned run happens after it is closed. */
  setup(context: BenchContext): Promise<{ run(connect: () => DatabaseConnection): Promise<ScenarioReport> }>;
}

/** A short-lived database handle a scenario opens to check the state the product ended in. */
export interface DatabaseConnection {
  db: Database;
  close(): Promise<void>;
}
