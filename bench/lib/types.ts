import type { Database } from "../../db/connect";

/** One HTTP request to measure, against the product or the baseline. */
export interface Target {
  path: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Throws unless one response body is the real thing (not a sign-in page, not an empty list). */
  verify?(body: string): void;
}

export interface Goal {
  /** Throughput (higher is better) or a latency percentile (lower is better). */
  metric: "rps" | "p50" | "p99";
  /** The reference: this benchmark's baseline target, or another benchmark's product figure. */
  versus: "baseline" | { benchmark: string };
  /** rps: at least this fraction of the reference. Latency: at most this multiple of it. */
  ratio: number;
}

/** What every benchmark's setup can use. The database handle is closed before measuring starts. */
export interface BenchContext {
  db: Database;
  /** The signed-in bench user, who owns the seeded tasks. */
  user: { id: string; taskCount: number };
  /** Request headers that sign a request in as the bench user (session cookies). */
  signedIn: Record<string, string>;
}

export interface Benchmark {
  /** Kebab-case; also the name to pass to `npm run bench -- <name>`. */
  name: string;
  summary: string;
  /** Prepares data the measurement needs and returns the requests to measure. */
  setup(context: BenchContext): Promise<{ product: Target; baseline?: Target }>;
  goal?: Goal;
}
