/**
 * A production build or server must not run on the local stack's emulators, which the stack's
 * `.env.local` configures. This finds their settings; next.config.ts refuses them unless LOCAL_STACK marks
 * the configuration as the stack's own. Server-side only (next.config.ts, and the Content-Security-Policy
 * builder for its loopback test), so the emulators' key prefixes never reach a browser bundle.
 */

export interface ConfigurationProblem {
  variable: string;
  reason: string;
}

type Configuration = Readonly<Record<string, unknown>>;

/** Services the app reaches, or sends browsers to: production has them on https and off this machine. */
const serviceUrls = [
  "APP_URL",
  "CLERK_API_URL",
  "NEXT_PUBLIC_CLERK_JS_URL",
  "NEXT_PUBLIC_CLERK_UI_URL",
  "STRIPE_API_URL",
  "NEXT_PUBLIC_STRIPE_JS_URL",
  "SENTRY_DSN",
  "NEXT_PUBLIC_SENTRY_DSN",
];

/**
 * The Frontend API proxy (a plain rewrite without the headers Clerk's proxy needs) and the hosted
 * "pick any user" sign-in page exist for the Clerk emulator only.
 */
const emulatorOnly = ["CLERK_FAPI_URL", "NEXT_PUBLIC_CLERK_PROXY_URL", "CLERK_HOSTED_SIGN_IN_URL"];

/** How the emulators' keys look (emulators/clerk/instance.ts, emulators/stripe/credentials.ts). */
const emulatorKeys: { variable: string; matches: (value: string) => boolean; service: string }[] = [
  { variable: "CLERK_SECRET_KEY", matches: (value) => value.startsWith("sk_live_clerk_emulator"), service: "Clerk" },
  { variable: "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY", matches: isLocalClerkInstance, service: "Clerk" },
  { variable: "STRIPE_SECRET_KEY", matches: (value) => value.startsWith("sk_test_emulator"), service: "Stripe" },
  {
    variable: "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY",
    matches: (value) => value.startsWith("pk_test_emulator"),
    service: "Stripe",
  },
];

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    /^127(\.\d{1,3}){3}$/.test(host) ||
    host === "0.0.0.0" ||
    host === "::1" ||
    host === "::" ||
    /^::ffff:(127\.|7f)/.test(host)
  );
}

/** A Clerk publishable key names its Frontend API host (base64 of `host$`); the emulator's is on this machine. */
function isLocalClerkInstance(key: string): boolean {
  const encoded = key.replace(/^pk_(live|test)_/, "");
  const host = Buffer.from(encoded, "base64").toString("utf8").replace(/\$$/, "");
  try {
    return isLoopbackHost(new URL(`https://${host}`).hostname);
  } catch {
    return false;
  }
}

function urlProblems(value: string): string[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return ["not a URL"];
  }
  const reasons = [];
  if (isLoopbackHost(url.hostname)) reasons.push("points at this machine (loopback)");
  if (url.protocol !== "https:") reasons.push("is not https");
  return reasons;
}

function present(config: Configuration, variable: string): string | undefined {
  const value = config[variable];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Each variable that carries emulator configuration, with why; the values themselves are never returned. */
export function findEmulatorConfiguration(config: Configuration): ConfigurationProblem[] {
  const problems: ConfigurationProblem[] = [];
  for (const variable of emulatorOnly) {
    if (present(config, variable)) problems.push({ variable, reason: "only the Clerk emulator uses it; unset it" });
  }
  for (const variable of serviceUrls) {
    const value = present(config, variable);
    const reasons = value ? urlProblems(value) : [];
    if (reasons.length > 0) problems.push({ variable, reason: reasons.join(" and ") });
  }
  for (const { variable, matches, service } of emulatorKeys) {
    const value = present(config, variable);
    if (value && matches(value)) problems.push({ variable, reason: `the ${service} emulator's key` });
  }
  return problems;
}

export function describeEmulatorConfiguration(problems: readonly ConfigurationProblem[]): string {
  const lines = problems.map(({ variable, reason }) => `  - ${variable}: ${reason}`);
  return [
    "Refusing to run a production build or server on the local stack's emulator configuration " +
      "(LOCAL_STACK is not set):",
    ...lines,
    "Configure the real services (README → Switching to the real services). `npm run demo` and the tests " +
      "mark their own configuration with LOCAL_STACK=1.",
  ].join("\n");
}

/**
 * In production without LOCAL_STACK, emulator configuration stops the process with one message naming
 * each variable (exit code 1). With LOCAL_STACK it only says so, so a build on the emulators is never silent.
 */
export function refuseEmulatorConfiguration(config: Configuration & { NODE_ENV: string; LOCAL_STACK: boolean }) {
  if (config.NODE_ENV !== "production") return;
  const problems = findEmulatorConfiguration(config);
  if (problems.length === 0) return;
  if (config.LOCAL_STACK) {
    console.warn("LOCAL_STACK=1: this production build or server runs on the local stack's emulators.");
    return;
  }
  console.error(describeEmulatorConfiguration(problems));
  process.exit(1);
}
