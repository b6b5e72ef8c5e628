/**
 * `npm run stack [-- command]`: starts what Taskpilot needs locally (the database and the emulators
 * for external services), writes the generated configuration to .env.local, then runs the command
 * (e.g. `next dev`) with that configuration. Ctrl-C stops everything it started. `next dev` and `next start`
 * listen on loopback only, unless the command names a hostname: the emulators' passwordless sign-in
 * behind /clerk-fapi is not for the network.
 *
 *   --build      run `next build` before the command (npm run demo)
 *   --pretty     pretty-print the command's JSON logs (npm run dev)
 *   --ephemeral  in-memory database and a temporary data folder; .env.local is left alone (tests)
 *   --env-out <file>  also write the generated variables to <file> as JSON (mode 0600), for tools
 *                     that need them under --ephemeral (the benchmarks); values are never printed
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Writable } from "node:stream";
import pinoPretty from "pino-pretty";
import { describeUnreachableDatabase, errorCode } from "../db/connection-error";
import { readEnvFile, updateEnvFile } from "./lib/env-file";
import { loginRole, migrateAsOwner, prepareAppDatabase } from "./lib/app-database";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./lib/embedded-postgres";
import { emulators, startEmulators } from "./lib/emulators";
import { bindToLoopback } from "./lib/next-command";
import { ProcessGroup, run } from "./lib/processes";
import { readToolEnv } from "./lib/tool-env";

const { values: flags, positionals: command } = parseArgs({
  options: {
    build: { type: "boolean" },
    pretty: { type: "boolean" },
    ephemeral: { type: "boolean" },
    "env-out": { type: "string" },
  },
  allowPositionals: true,
});

const root = path.resolve(import.meta.dirname, "..");
const toolEnv = readToolEnv();
const dataDir = flags.ephemeral ? mkdtempSync(path.join(tmpdir(), "taskpilot-stack-")) : path.join(root, ".data");
const group = new ProcessGroup();
let embedded: EmbeddedPostgres | undefined;

async function shutdown(code: number): Promise<never> {
  await group.stopAll();
  await embedded?.stop();
  if (flags.ephemeral) rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}

/**
 * The database: roles created and migrations applied as the owner (README → Security → Database roles).
 * Returns the app's DATABASE_URL (the app role) and settings the embedded database needs. The owner's
 * login is used here only; a new password is set at each start.
 */
async function prepareDatabase(): Promise<Record<string, string>> {
  if (toolEnv.DATABASE_URL) {
    const given = toolEnv.DATABASE_URL;
    const owner = toolEnv.DATABASE_OWNER_URL;
    try {
      // With DATABASE_OWNER_URL both roles exist already; otherwise DATABASE_URL is an administrator's.
      const appUrl = owner
        ? await migrateAsOwner(owner, loginRole(given)).then(() => given)
        : (await prepareAppDatabase({ kind: "postgresql", adminUrl: given })).appUrl;
      console.log("[stack] database: DATABASE_URL (app role; migrations applied as the owner)");
      return { DATABASE_URL: appUrl };
    } catch (error) {
      console.error(describeUnreachableDatabase(given, error) ?? describeSetupFailure(error, !owner));
      return shutdown(1);
    }
  }
  embedded = await startEmbeddedPostgres({
    port: toolEnv.PORT + 40,
    dataDir: flags.ephemeral ? undefined : path.join(dataDir, "pglite"),
  });
  const { appUrl } = await prepareAppDatabase({ kind: "embedded", server: embedded });
  const storage = flags.ephemeral ? " (in memory)" : ` (data in ${path.relative(root, dataDir)}/pglite)`;
  console.log(`[stack] database: embedded PGlite at ${new URL(appUrl).host}${storage}, app role`);
  // pglite-socket runs one backend and interleaves protocol messages from concurrent connections,
  // so the app must use one connection at a time.
  return { DATABASE_URL: appUrl, DATABASE_POOL_MAX: "1" };
}

function describeSetupFailure(error: unknown, createsRoles: boolean): string {
  if (createsRoles && errorCode(error) === "42501") {
    return (
      "[stack] the DATABASE_URL user may not create the database roles. Give it CREATEROLE, or create the roles " +
      "yourself (README → Security → Database roles) and set DATABASE_URL to the app role and DATABASE_OWNER_URL " +
      `to the owner. (${String(error)})`
    );
  }
  return `[stack] database setup failed: ${String(error)}`;
}

async function main() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));

  const appUrl = `http://localhost:${toolEnv.PORT}`;
  const envFile = path.join(root, ".env.local");
  // Created once and kept, so a Prometheus scraper configured with it keeps working across restarts.
  const metricsToken =
    (flags.ephemeral ? undefined : readEnvFile(envFile).METRICS_TOKEN) ?? randomBytes(24).toString("base64url");
  const generated: Record<string, string> = {
    // Marks this configuration as the local stack's: production builds and `next start` refuse emulator
    // settings without it (lib/production-config.ts).
    LOCAL_STACK: "1",
    METRICS_TOKEN: metricsToken,
    ...(await prepareDatabase()),
    APP_URL: appUrl,
    ...(await startEmulators(group, { root, dataDir, appPort: toolEnv.PORT, appUrl, onExit: () => void shutdown(1) })),
  };
  if (!flags.ephemeral) {
    updateEnvFile(envFile, generated);
    console.log("[stack] configuration written to .env.local");
  }
  if (flags["env-out"]) writeFileSync(flags["env-out"], `${JSON.stringify(generated)}\n`, { mode: 0o600 });

  // The owner's URL is for migrations only: the app's process never gets it.
  const { DATABASE_OWNER_URL: _owner, ...appEnv } = process.env;
  const childEnv = { ...appEnv, ...generated, PORT: String(toolEnv.PORT), NEXT_TELEMETRY_DISABLED: "1" };
  if (flags.build) await run("next", ["build"], { env: childEnv, cwd: root });

  const [executable, ...args] = bindToLoopback(command);
  if (!executable) {
    console.log(`[stack] ready: ${emulators.length} emulator(s) running. Press Ctrl-C to stop.`);
    return;
  }
  const app = group.start(executable, args, {
    name: executable,
    env: childEnv,
    cwd: root,
    stdio: flags.pretty ? ["inherit", "pipe", "inherit"] : "inherit",
  });
  if (flags.pretty) app.stdout?.pipe(pinoPretty({ colorize: process.stdout.isTTY }) as unknown as Writable);
  app.on("exit", (code) => {
    if (!group.isStopping) void shutdown(code ?? 1);
  });
}

main().catch((error: unknown) => {
  console.error(`[stack] ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
