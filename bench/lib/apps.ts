import { closeSync, openSync, readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { z } from "zod";
import { run, type ProcessGroup } from "../../scripts/lib/processes";
import { generousRateLimits } from "../../scripts/lib/rate-limits";

const root = path.resolve(import.meta.dirname, "../..");
export const baselineDir = path.join(root, "bench", "baseline");

/**
 * Child processes' output goes to files, so the terminal shows progress and the table; the tail is
 * printed on failure.
 */
export class AppLogs {
  constructor(readonly dir: string) {}

  private file(name: string): string {
    return path.join(this.dir, `${name}.log`);
  }

  /** stdio for a child writing to `name`.log; the descriptor is closed in the parent once the child has it. */
  open(name: string): { stdio: ["ignore", number, number]; close(): void } {
    const fd = openSync(this.file(name), "a");
    return { stdio: ["ignore", fd, fd], close: () => closeSync(fd) };
  }

  /** The last lines of every log, for the error message when a run fails. */
  tails(lines = 15): string {
    return readdirSync(this.dir)
      .map((file) => {
        const tail = readFileSync(path.join(this.dir, file), "utf8").trimEnd().split("\n").slice(-lines);
        return `--- ${file} (last ${lines} lines) ---\n${tail.join("\n")}`;
      })
      .join("\n");
  }
}

/**
 * The last resort after a graceful stop: children run in process groups of their own (`detached`), so
 * a grandchild whose parent died first (a server under the stack) is found by the group id and ended.
 */
export function killProcessGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // ESRCH: the whole group has already exited.
  }
}

/** Fails loudly when something already listens: measuring another engineer's server would be silently wrong. */
export async function assertPortsFree(ports: number[]): Promise<void> {
  for (const port of ports) {
    const taken = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: "127.0.0.1" });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (taken)
      throw new Error(`port ${port} is in use; set BENCH_PORT to move the whole bench (it uses offsets +10 to +60)`);
  }
}

/** Polls `url` until it answers 200; gives up when `child` exits or after `timeoutMs`. */
export async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the process serving ${url} exited (${child.signalCode ?? child.exitCode})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * A server of the bench's in its own process group (so every descendant can be stopped), from the
 * repository root, its output in the log named `log`, without Next.js telemetry.
 */
function startServer(
  group: ProcessGroup,
  logs: AppLogs,
  server: { log: string; name: string; command: string; args: string[]; env: Record<string, string> },
): ChildProcess {
  const output = logs.open(server.log);
  const child = group.start(server.command, server.args, {
    name: server.name,
    cwd: root,
    detached: true,
    stdio: output.stdio,
    env: { ...process.env, ...server.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  output.close();
  return child;
}

/**
 * The product as `npm run demo` serves it: the stack (emulators, database unless DATABASE_URL is set,
 * migrations) building and starting the production server, into its own dist folder. The stack writes
 * the variables it generated to `envOut` (JSON), since --ephemeral leaves .env.local alone.
 */
export function startProduct(
  group: ProcessGroup,
  logs: AppLogs,
  options: { port: number; distDir: string; envOut: string; env: Record<string, string> },
): ChildProcess {
  return startServer(group, logs, {
    log: "product",
    name: "product stack",
    command: "tsx",
    args: ["scripts/stack.ts", "--ephemeral", "--build", "--env-out", options.envOut, "--", "next", "start"],
    env: {
      ...options.env,
      ...generousRateLimits,
      PORT: String(options.port),
      NEXT_DIST_DIR: options.distDir,
      // Measured as deployed: production trace sampling, and source maps to attribute bundle bytes.
      SENTRY_ENVIRONMENT: "production",
      NEXT_PUBLIC_SENTRY_ENVIRONMENT: "production",
      BROWSER_SOURCE_MAPS: "true",
    },
  });
}

/** The keys the benchmarks read by name; every other generated variable is passed through as is. */
const stackEnvSchema = z
  .object({
    STRIPE_SECRET_KEY: z.string().startsWith("sk_"),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_"),
    STRIPE_API_URL: z.url(),
  })
  .catchall(z.string());

export type StackEnv = z.infer<typeof stackEnvSchema>;

/** The stack's --env-out file; it exists once the product answers, since the stack writes it before building. */
export function readStackEnv(file: string): StackEnv {
  return stackEnvSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

/**
 * A second server from the product's build with the stack's configuration, but Sentry, logging and
 * metrics off: the reference for what observability costs. Only the server-side switches count here;
 * NEXT_PUBLIC_SENTRY_DSN is inlined into the browser bundle at build time and is emptied for symmetry.
 */
export function startObservabilityOff(
  group: ProcessGroup,
  logs: AppLogs,
  options: { port: number; distDir: string; env: Record<string, string> },
): ChildProcess {
  const off = { SENTRY_DSN: "", NEXT_PUBLIC_SENTRY_DSN: "", LOG_LEVEL: "silent", METRICS_ENABLED: "false" };
  return startServer(group, logs, {
    log: "observability-off",
    name: "product, observability off",
    command: "next",
    args: ["start", "-p", String(options.port)],
    env: { ...options.env, ...generousRateLimits, ...off, PORT: String(options.port), NEXT_DIST_DIR: options.distDir },
  });
}

/**
 * Webpack, not Turbopack: Turbopack resolves proxy.ts and instrumentation.ts from the workspace root
 * (the repository), so it would compile the product's into the baseline (vercel/next.js#95287).
 */
export async function buildBaseline(logs: AppLogs): Promise<void> {
  const output = logs.open("baseline-build");
  try {
    await run("next", ["build", "--webpack", baselineDir], {
      cwd: root,
      stdio: output.stdio,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
  } finally {
    output.close();
  }
}

export function startBaseline(
  group: ProcessGroup,
  logs: AppLogs,
  options: { port: number; env: Record<string, string> },
): ChildProcess {
  return startServer(group, logs, {
    log: "baseline",
    name: "baseline",
    command: "next",
    args: ["start", baselineDir, "-p", String(options.port)],
    env: options.env,
  });
}
