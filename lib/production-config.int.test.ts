import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { setup as sentrySetup } from "@/emulators/sentry/setup";

const root = path.resolve(import.meta.dirname, "..");
const distDir = ".next-refused";
const sentryDataDir = mkdtempSync(path.join(tmpdir(), "taskpilot-refusal-sentry-"));

afterAll(() => {
  rmSync(sentryDataDir, { recursive: true, force: true });
  rmSync(path.join(root, distDir), { recursive: true, force: true });
});

/**
 * The integration run's configuration is the emulators' (Clerk, Stripe and the app on loopback, their
 * keys); the Sentry emulator's DSN completes it. LOCAL_STACK=0 keeps a developer's .env.local from
 * supplying the flag, since variables already in the environment win over that file.
 */
async function emulatorConfiguration(): Promise<NodeJS.ProcessEnv & Record<string, string>> {
  const sentry = await sentrySetup({ dataDir: sentryDataDir, port: 3030, appUrl: "http://localhost:3999" });
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return {
    ...inherited,
    ...sentry,
    // What Next.js sets for `next start` and `next build` (the integration run itself has "test").
    NODE_ENV: "production",
    LOCAL_STACK: "0",
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

function next(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(path.join(root, "node_modules/.bin/next"), args, {
    cwd: root,
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
}

const refusedVariables = [
  "APP_URL",
  "CLERK_API_URL",
  "CLERK_FAPI_URL",
  "CLERK_HOSTED_SIGN_IN_URL",
  "CLERK_SECRET_KEY",
  "NEXT_PUBLIC_CLERK_PROXY_URL",
  "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
  "NEXT_PUBLIC_CLERK_JS_URL",
  "STRIPE_API_URL",
  "STRIPE_SECRET_KEY",
  "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY",
  "SENTRY_DSN",
  "NEXT_PUBLIC_SENTRY_DSN",
];

describe("production on the emulators' configuration without LOCAL_STACK", () => {
  it.each([
    ["next start", ["start", "--port", "0"]],
    ["next build", ["build"]],
  ])(
    "%s exits 1 with one message naming each variable and no value",
    async (_name, args) => {
      const env = await emulatorConfiguration();
      const result = next(args, env);
      const output = `${result.stdout}${result.stderr}`;
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        "Refusing to run a production build or server on the local stack's emulator configuration",
      );
      expect(output.match(/Refusing to run/g)).toHaveLength(1);
      for (const variable of refusedVariables) expect(result.stderr).toMatch(new RegExp(`^  - ${variable}: `, "m"));
      for (const variable of refusedVariables) expect(output).not.toContain(env[variable]);
    },
    150_000,
  );
});
