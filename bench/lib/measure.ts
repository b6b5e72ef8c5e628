import autocannon, { type RequestData } from "autocannon";
import type { Database } from "../../db/connect";
import { cpuPerRequest, readCpu } from "./cpu";
import type { Target } from "./types";

export interface Measurement {
  url: string;
  method: string;
  /** Completed requests per second over the whole run. */
  rps: number;
  durationSeconds: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  requests: number;
  bytesPerResponse: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** CPU milliseconds per request of the app's server process and of the database server (Linux only). */
  cpuMsPerRequest: { app?: number; database?: number };
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
 * list would be worthless, so anything but 200 with the expected content stops the run. A target that
 * writes must also add rows: a 200 that changed nothing (a duplicate, a refusal) would be as worthless.
 */
export async function verifyTarget(origin: string, target: Target, db: Database): Promise<void> {
  const { url, method, headers, body } = requestOptions(origin, target);
  const fresh = target.next?.();
  const rowsBefore = await target.countRows?.(db);
  const response = await fetch(url, {
    method,
    headers: { ...headers, ...fresh?.headers },
    body: fresh?.body ?? body,
    redirect: "manual",
  });
  const text = await response.text();
  if (response.status !== 200) {
    const location = response.headers.get("location");
    throw new Error(
      `${method} ${url} answered ${response.status}${location ? ` (redirect to ${location})` : ""}, expected 200`,
    );
  }
  try {
    target.verify?.(text);
    const rowsAfter = await target.countRows?.(db);
    if (rowsBefore !== undefined && rowsAfter !== undefined && rowsAfter <= rowsBefore)
      throw new Error(`answered 200 but added no row (${rowsBefore} before, ${rowsAfter} after)`);
  } catch (error) {
    throw new Error(`${method} ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** autocannon rebuilds a request before every send when it has a setupRequest, so each gets `next()`'s body. */
function freshRequests(next: NonNullable<Target["next"]>) {
  const setupRequest = (raw: RequestData): RequestData => {
    const { body, headers } = next();
    return { ...raw, body, headers: { ...raw.headers, ...headers } };
  };
  return [{ setupRequest }];
}

export async function measure(
  origin: string,
  target: Target,
  options: LoadOptions,
  databasePort: number,
): Promise<Measurement> {
  const request = requestOptions(origin, target);
  const requests = target.next && freshRequests(target.next);
  const appPort = Number(new URL(origin).port);
  const cpuBefore = readCpu([appPort, databasePort]);
  const result = await autocannon({
    ...request,
    requests,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 10,
  });
  const cpuAfter = readCpu([appPort, databasePort]);
  const requestCount = result.requests.total;
  return {
    url: target.path,
    method: request.method,
    rps: requestCount / result.duration,
    durationSeconds: result.duration,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    requests: requestCount,
    bytesPerResponse: requestCount > 0 ? Math.round(result.throughput.total / requestCount) : 0,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([status, stats]) => [status, stats.count]),
    ),
    cpuMsPerRequest: {
      app: cpuPerRequest(cpuBefore, cpuAfter, appPort, requestCount),
      database: cpuPerRequest(cpuBefore, cpuAfter, databasePort, requestCount),
    },
  };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Per-request figure over all rounds, each round weighted by its requests; unknown if any round lacks it. */
function perRequest(rounds: Measurement[], value: (round: Measurement) => number | undefined): number | undefined {
  const requests = sum(rounds.map((round) => round.requests));
  let total = 0;
  for (const round of rounds) {
    const figure = value(round);
    if (figure === undefined) return undefined;
    total += figure * round.requests;
  }
  return requests > 0 ? total / requests : undefined;
}

/**
 * Rounds of one target as one measurement: rates, bytes and CPU over all their requests; latency
 * percentiles the median round's, since autocannon reports percentiles rather than a histogram to merge.
 */
export function combineRounds(rounds: Measurement[]): Measurement {
  const [first] = rounds;
  if (!first) throw new Error("no rounds to combine");
  const requests = sum(rounds.map((round) => round.requests));
  const durationSeconds = sum(rounds.map((round) => round.durationSeconds));
  const statusCodes: Record<string, number> = {};
  for (const round of rounds) {
    for (const [status, count] of Object.entries(round.statusCodes))
      statusCodes[status] = (statusCodes[status] ?? 0) + count;
  }
  return {
    url: first.url,
    method: first.method,
    rps: durationSeconds > 0 ? requests / durationSeconds : 0,
    durationSeconds,
    latencyMs: {
      p50: median(rounds.map((round) => round.latencyMs.p50)),
      p90: median(rounds.map((round) => round.latencyMs.p90)),
      p99: median(rounds.map((round) => round.latencyMs.p99)),
      max: Math.max(...rounds.map((round) => round.latencyMs.max)),
    },
    requests,
    bytesPerResponse: Math.round(perRequest(rounds, (round) => round.bytesPerResponse) ?? 0),
    errors: sum(rounds.map((round) => round.errors)),
    timeouts: sum(rounds.map((round) => round.timeouts)),
    non2xx: sum(rounds.map((round) => round.non2xx)),
    statusCodes,
    cpuMsPerRequest: {
      app: perRequest(rounds, (round) => round.cpuMsPerRequest.app),
      database: perRequest(rounds, (round) => round.cpuMsPerRequest.database),
    },
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
