import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { setup as clerkSetup } from "@/emulators/clerk/setup";
import { setup as sentrySetup } from "@/emulators/sentry/setup";
import { setup as stripeSetup } from "@/emulators/stripe/setup";
import {
  describeEmulatorConfiguration,
  findEmulatorConfiguration,
  isLoopbackHost,
  refuseEmulatorConfiguration,
} from "./production-config";

/** A key of the real services' shape, spelled so that no key-like literal sits in the source. */
const fakeKey = (prefix: string) => `${prefix}${"0".repeat(24)}`;

/** What a production deployment on the real services looks like (keys shaped like Clerk's and Stripe's). */
const production = {
  APP_URL: "https://app.example.com",
  CLERK_SECRET_KEY: fakeKey("sk_live_"),
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_live_${Buffer.from("clerk.example.com$").toString("base64")}`,
  STRIPE_SECRET_KEY: fakeKey("sk_live_"),
  NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_live_51Hx8Yz2eZvKYlo2C4m8aP1",
  SENTRY_DSN: "https://0123456789abcdef@o1.ingest.sentry.io/42",
  NEXT_PUBLIC_SENTRY_DSN: "https://0123456789abcdef@o1.ingest.sentry.io/42",
};

const dataDir = mkdtempSync(path.join(tmpdir(), "taskpilot-production-config-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Exactly what `npm run stack` writes for the emulators. */
async function stackConfiguration(): Promise<Record<string, string>> {
  const appUrl = "http://localhost:3000";
  return {
    APP_URL: appUrl,
    ...(await clerkSetup({ dataDir: path.join(dataDir, "clerk"), port: 3010, appUrl })),
    ...(await stripeSetup({ dataDir: path.join(dataDir, "stripe"), port: 3020, appUrl })),
    ...(await sentrySetup({ dataDir: path.join(dataDir, "sentry"), port: 3030, appUrl })),
  };
}

describe("findEmulatorConfiguration", () => {
  it("finds nothing in a configuration for the real services", () => {
    expect(findEmulatorConfiguration(production)).toEqual([]);
    expect(findEmulatorConfiguration({})).toEqual([]);
  });

  it("names every emulator URL, proxy, hosted sign-in page and key the stack configures", async () => {
    const problems = findEmulatorConfiguration(await stackConfiguration());
    expect(problems.map((problem) => problem.variable).sort()).toEqual(
      [
        "APP_URL",
        "CLERK_API_URL",
        "CLERK_FAPI_URL",
        "CLERK_HOSTED_SIGN_IN_URL",
        "CLERK_SECRET_KEY",
        "NEXT_PUBLIC_CLERK_JS_URL",
        "NEXT_PUBLIC_CLERK_PROXY_URL",
        "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
        "NEXT_PUBLIC_CLERK_UI_URL",
        "NEXT_PUBLIC_SENTRY_DSN",
        "NEXT_PUBLIC_STRIPE_JS_URL",
        "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY",
        "SENTRY_DSN",
        "STRIPE_API_URL",
        "STRIPE_SECRET_KEY",
      ].sort(),
    );
  });

  it.each([
    ["STRIPE_API_URL", "http://stripe.internal.example.com", "is not https"],
    ["CLERK_API_URL", "https://localhost:8443", "points at this machine (loopback)"],
    ["APP_URL", "http://127.0.0.1:3000", "points at this machine (loopback) and is not https"],
    ["SENTRY_DSN", "https://key@[::1]:9000/1", "points at this machine (loopback)"],
    ["NEXT_PUBLIC_STRIPE_JS_URL", "https://stripe.localhost/v3/stripe.js", "points at this machine (loopback)"],
    ["NEXT_PUBLIC_CLERK_JS_URL", "not a url", "not a URL"],
    ["CLERK_HOSTED_SIGN_IN_URL", "https://accounts.example.com/sign-in", "only the Clerk emulator uses it; unset it"],
    ["NEXT_PUBLIC_CLERK_PROXY_URL", "https://app.example.com/clerk-fapi", "only the Clerk emulator uses it; unset it"],
    ["CLERK_SECRET_KEY", "sk_live_clerk_emulator", "the Clerk emulator's key"],
    ["STRIPE_SECRET_KEY", "sk_test_emulatorAbc123", "the Stripe emulator's key"],
    [
      "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY",
      `pk_test_${Buffer.from("127.0.0.1:3010$").toString("base64")}`,
      "the Clerk emulator's key",
    ],
  ])("refuses %s = %s: %s", (variable, value, reason) => {
    expect(findEmulatorConfiguration({ ...production, [variable]: value })).toEqual([{ variable, reason }]);
  });

  it("ignores unset and empty variables", () => {
    expect(findEmulatorConfiguration({ ...production, STRIPE_API_URL: "", CLERK_FAPI_URL: undefined })).toEqual([]);
  });
});

describe("describeEmulatorConfiguration", () => {
  it("names each offending variable in one message and none of the values", async () => {
    const configuration = await stackConfiguration();
    const message = describeEmulatorConfiguration(findEmulatorConfiguration(configuration));
    expect(message).toMatch(/^Refusing to run a production build or server on the local stack's emulator/);
    expect(message).toContain("  - STRIPE_SECRET_KEY: the Stripe emulator's key");
    expect(message).toContain("  - APP_URL: points at this machine (loopback) and is not https");
    for (const value of Object.values(configuration)) {
      if (value.length > 4) expect(message).not.toContain(value);
    }
  });
});

describe("refuseEmulatorConfiguration", () => {
  afterEach(() => vi.restoreAllMocks());

  function attempt(config: Parameters<typeof refuseEmulatorConfiguration>[0]) {
    const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    let outcome = "continued";
    try {
      refuseEmulatorConfiguration(config);
    } catch (thrown) {
      outcome = (thrown as Error).message;
    }
    return { outcome, exit, errors: error.mock.calls.flat(), warnings: warn.mock.calls.flat() };
  }

  it("stops a production build or server on emulator configuration without LOCAL_STACK, with exit code 1", async () => {
    const result = attempt({ ...(await stackConfiguration()), NODE_ENV: "production", LOCAL_STACK: false });
    expect(result.outcome).toBe("exit 1");
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain("  - CLERK_SECRET_KEY: the Clerk emulator's key");
  });

  it("lets the local stack's own production build run, and says it runs on the emulators", async () => {
    const result = attempt({ ...(await stackConfiguration()), NODE_ENV: "production", LOCAL_STACK: true });
    expect(result).toMatchObject({ outcome: "continued", errors: [] });
    expect(result.warnings).toEqual([
      "LOCAL_STACK=1: this production build or server runs on the local stack's emulators.",
    ]);
  });

  it("leaves development and tests alone, and a production configuration for the real services", async () => {
    const stack = await stackConfiguration();
    for (const config of [
      { ...stack, NODE_ENV: "development", LOCAL_STACK: false },
      { ...stack, NODE_ENV: "test", LOCAL_STACK: false },
      { ...production, NODE_ENV: "production", LOCAL_STACK: false },
    ]) {
      expect(attempt(config)).toMatchObject({ outcome: "continued", errors: [], warnings: [] });
    }
  });
});

describe("isLoopbackHost", () => {
  it.each(["localhost", "LOCALHOST", "clerk.taskpilot.localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1", "0.0.0.0"])(
    "%s is this machine",
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );

  it.each(["example.com", "localhost.example.com", "10.0.0.5", "128.0.0.1", "[2001:db8::1]"])("%s is not", (host) =>
    expect(isLoopbackHost(host)).toBe(false),
  );
});
