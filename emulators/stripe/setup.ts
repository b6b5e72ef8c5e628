import type { AppEnvironment, EmulatorSetupOptions } from "../shared/types";
import { loadOrCreateCredentials } from "./credentials";

/** Makes (first run) or reuses the emulator's keys and returns the variables the app reads. */
export async function setup(options: EmulatorSetupOptions): Promise<AppEnvironment> {
  const credentials = await loadOrCreateCredentials(options.dataDir);
  const origin = `http://127.0.0.1:${options.port}`;
  return {
    STRIPE_SECRET_KEY: credentials.secretKey,
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: credentials.publishableKey,
    STRIPE_WEBHOOK_SECRET: credentials.webhookSecret,
    STRIPE_API_URL: origin,
    NEXT_PUBLIC_STRIPE_JS_URL: `${origin}/v3/stripe.js`,
  };
}
