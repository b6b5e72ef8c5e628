import autocannon from "autocannon";
import type { Target } from "./types";

export interface Measurement {
  url: string;
  method: string;
  /** Completed requests per second over the whole run. */
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  requests: number;
  bytesPerResponse: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
}

function requestOptions(origin: string, target: Target) {
  return { url: `${origin}${target.path}`, method: target.method ?? "GET", headers: target.headers, body: target.body };
}

/**
 * One request by hand before any load: a benchmark of a redirect to sign-in, an error page or an empty
 * list would be worthless, so anything but 200 with the expected content stops the run.
 */
export async function verifyTarget(origin: string, target: Target): Promise<void> {
  const { url, method, headers, body } = requestOptions(origin, target);
  const response = await fetch(url, { method, headers, body, redirect: "manual" });
  const text = await response.text();
  if (response.status !== 200) {
    const location = response.headers.get("location");
    throw new Error(`${method} ${url} answered ${response.status}${location ? ` (redirect to ${location})` : ""}, expected 200`);
  }
  try {
    target.verify?.(text);
  } catch (error) {
    throw new Error(`${method} ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function measure(origin: string, target: Target, options: LoadOptions): Promise<Measurement> {
  const request = requestOptions(origin, target);
  const result = await autocannon({ ...request, connections: options.connections, duration: options.durationSeconds, timeout: 10 });
  const requests = result.requests.total;
  return {
    url: target.path,
    method: request.method,
    rps: requests / result.duration,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    requests,
    bytesPerResponse: requests > 0 ? Math.round(result.throughput.total / requests) : 0,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, stats]) => [status, stats.count])),
  };
}

/** Why a measurement cannot be trusted, or undefined when every request got a 2xx in time. */
export function invalidReason(measurement: Measurement): string | undefined {
  const problems = [
    measurement.requests === 0 ? "no request completed" : "",
    measurement.non2xx > 0 ? `${measurement.non2xx} non-2xx (${JSON.stringify(measurement.statusCodes)})` : "",
    measurement.errors > 0 ? `${measurement.errors} errors` : "",
    measurement.timeouts > 0 ? `${measurement.timeouts} timeouts` : "",
  ].filter(Boolean);
  return problems.length > 0 ? problems.join(", ") : undefined;
}
