import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/** Imports lib/env in a fresh process, as the server does at start, with only `vars` set. */
function loadEnvModule(vars: Record<string, string>) {
  return spawnSync(
    path.join(root, "node_modules/.bin/tsx"),
    ["-e", "import('./lib/env/index.ts').catch(() => { process.exitCode = 1; })"],
    {
      cwd: root,
      env: { NODE_ENV: "test", PATH: process.env.PATH, ...vars },
      encoding: "utf8",
    },
  );
}

/** The smallest valid configuration: the required variables only. */
const required = {
  DATABASE_URL: "postgres://app@127.0.0.1:5432/tasks",
  METRICS_TOKEN: "a-long-enough-metrics-token",
  CLERK_SECRET_KEY: "sk_test_placeholder",
  CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----MIIB-----END PUBLIC KEY-----",
  CLERK_WEBHOOK_SIGNING_SECRET: "whsec_placeholder",
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_placeholder",
  STRIPE_SECRET_KEY: "sk_test_placeholder",
  STRIPE_WEBHOOK_SECRET: "whsec_placeholder",
  NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_test_placeholder",
};

describe("lib/env", () => {
  it("loads with a valid configuration", () => {
    const result = loadEnvModule(required);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("stops with each bad variable and its expectation, never the secret value", () => {
    const result = loadEnvModule({
      ...required,
      DATABASE_URL: "mysql://app:hunter2@db/tasks",
      DATABASE_POOL_MAX: "-3",
      LOG_LEVEL: "loud",
      STRIPE_SECRET_KEY: "sk_nope_s3cr3t",
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("Invalid environment variables");
    expect(result.stderr).toContain("DATABASE_URL: expected a postgres:// connection URL");
    expect(result.stderr).toMatch(/DATABASE_POOL_MAX: .*>0/);
    expect(result.stderr).toMatch(/LOG_LEVEL: .*"info"/);
    expect(result.stderr).toContain("STRIPE_SECRET_KEY: expected a Stripe secret or restricted key");
    expect(result.stderr).not.toContain("hunter2");
    expect(result.stderr).not.toContain("s3cr3t");
  });

  it("refuses abuse limits that are not positive whole numbers, and a proxy count below one", () => {
    const result = loadEnvModule({
      ...required,
      RATE_LIMIT_TASK_WRITES_PER_USER: "lots",
      RATE_LIMIT_WEBHOOKS_PER_IP: "0",
      RATE_LIMIT_WINDOW_SECONDS: "1.5",
      RATE_LIMIT_CSP_REPORTS_PER_IP: "-5",
      TRUSTED_PROXY_HOPS: "0",
    });
    expect(result.status).not.toBe(0);
    for (const name of [
      "RATE_LIMIT_TASK_WRITES_PER_USER",
      "RATE_LIMIT_WEBHOOKS_PER_IP",
      "RATE_LIMIT_WINDOW_SECONDS",
      "RATE_LIMIT_CSP_REPORTS_PER_IP",
      "TRUSTED_PROXY_HOPS",
    ]) {
      expect(result.stderr).toMatch(new RegExp(`${name}: `));
    }
  });

  it("reports every missing required variable", () => {
    const result = loadEnvModule({});
    expect(result.status).not.toBe(0);
    for (const name of Object.keys(required)) expect(result.stderr).toMatch(new RegExp(`${name}: `));
  });
});
