import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

/** Imports lib/env.ts in a fresh process, as the server does at start, with only `vars` set. */
function loadEnvModule(vars: Record<string, string>) {
  return spawnSync(path.join(root, "node_modules/.bin/tsx"), ["-e", "import('./lib/env.ts').catch(() => { process.exitCode = 1; })"], {
    cwd: root,
    env: { NODE_ENV: "test", PATH: process.env.PATH, ...vars },
    encoding: "utf8",
  });
}

describe("lib/env", () => {
  it("loads with a valid configuration", () => {
    const result = loadEnvModule({ DATABASE_URL: "postgres://app@127.0.0.1:5432/tasks" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("stops with each bad variable and its expectation, never the secret value", () => {
    const result = loadEnvModule({ DATABASE_URL: "mysql://app:hunter2@db/tasks", DATABASE_POOL_MAX: "-3", LOG_LEVEL: "loud" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("Invalid environment variables");
    expect(result.stderr).toContain("DATABASE_URL: expected a postgres:// connection URL");
    expect(result.stderr).toMatch(/DATABASE_POOL_MAX: .*>0/);
    expect(result.stderr).toMatch(/LOG_LEVEL: .*"info"/);
    expect(result.stderr).not.toContain("hunter2");
  });

  it("reports a missing required variable", () => {
    const result = loadEnvModule({});
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/DATABASE_URL: /);
  });
});
