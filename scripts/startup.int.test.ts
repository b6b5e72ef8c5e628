import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
// Port 9 (discard) on loopback: nothing listens, so the connection is refused at once.
const unreachable = "postgres://app:hunter2@127.0.0.1:9/tasks";

function run(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("a database that cannot be reached at start", () => {
  it("stops the server's start-up check with one line naming host and port, and exit code 1", () => {
    const result = run(
      [
        "--import",
        "./tests/support/app-modules-hook.mjs",
        "--import",
        "tsx",
        "-e",
        "import('./lib/startup.ts').then((m) => m.checkStartupDatabase())",
      ],
      {
        DATABASE_URL: unreachable,
        DATABASE_CONNECT_TIMEOUT_SECONDS: "2",
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      "Cannot reach PostgreSQL at 127.0.0.1:9 (ECONNREFUSED). Is the server running? Check DATABASE_URL.",
    );
  });

  it("stops `npm run stack` the same way, leaving nothing behind", () => {
    const result = run(["--import", "tsx", "scripts/stack.ts", "--ephemeral"], {
      DATABASE_URL: unreachable,
      PORT: "3900",
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      "Cannot reach PostgreSQL at 127.0.0.1:9 (ECONNREFUSED). Is the server running? Check DATABASE_URL.",
    );
    expect(result.stdout + result.stderr).not.toContain("hunter2");
  });
});
