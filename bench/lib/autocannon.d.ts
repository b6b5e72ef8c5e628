/** The part of autocannon 9's API the harness uses (the package ships no types). */
declare module "autocannon" {
  /** The raw request autocannon is about to write; `setupRequest` returns a changed copy. */
  export interface RequestData {
    method?: string;
    path?: string;
    headers: Record<string, string>;
    body?: string;
  }

  interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    /** Requests sent in turn on every connection; `setupRequest` runs before each one is sent. */
    requests?: { setupRequest?(request: RequestData): RequestData }[];
  }

  interface Histogram {
    average: number;
    min: number;
    max: number;
    total?: number;
    p50: number;
    p90: number;
    p99: number;
  }

  interface Result {
    /** Seconds. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    /** Milliseconds. */
    latency: Histogram;
    /** Per-second samples; `total` counts completed requests. */
    requests: Histogram & { total: number };
    /** Bytes per second; `total` counts every response byte. */
    throughput: Histogram & { total: number };
    statusCodeStats: Record<string, { count: number }>;
  }

  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
