import { join } from "node:path";
import type { AppEnvironment, EmulatorSetupOptions } from "../shared/types";
import { CLERK_JS_PATH, CLERK_UI_PATH } from "./bundles";
import { appOrigin, DEFAULT_SECRET_KEY, PROXY_PATH, PUBLISHABLE_KEY } from "./instance";
import { loadOrCreateKeyMaterial } from "./keys";
import { ClerkStore } from "./store";

/** Creates (first run) or loads the instance key, webhook secret and demo users; returns the app's env. */
export async function setup({ dataDir, port, appUrl }: EmulatorSetupOptions): Promise<AppEnvironment> {
  const keys = loadOrCreateKeyMaterial(dataDir);
  // Seeds the demo users now, so their ids exist before the app's db:seed runs.
  new ClerkStore(join(dataDir, "state.json"));
  const proxyUrl = `${appOrigin(appUrl)}${PROXY_PATH}`;
  return {
    CLERK_JWT_KEY: keys.publicKeyPem,
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: PUBLISHABLE_KEY,
    CLERK_SECRET_KEY: DEFAULT_SECRET_KEY,
    CLERK_API_URL: `http://127.0.0.1:${port}`,
    // The app forwards /clerk-fapi here, and /sign-in hands over to the emulator's hosted page.
    CLERK_FAPI_URL: `http://127.0.0.1:${port}`,
    CLERK_HOSTED_SIGN_IN_URL: `${proxyUrl}/sign-in`,
    CLERK_WEBHOOK_SIGNING_SECRET: keys.webhookSecret,
    NEXT_PUBLIC_CLERK_PROXY_URL: proxyUrl,
    NEXT_PUBLIC_CLERK_JS_URL: `${proxyUrl}${CLERK_JS_PATH}`,
    NEXT_PUBLIC_CLERK_UI_URL: `${proxyUrl}${CLERK_UI_PATH}`,
    NEXT_PUBLIC_CLERK_SIGN_IN_URL: "/sign-in",
    NEXT_PUBLIC_CLERK_SIGN_UP_URL: "/sign-up",
    // clerk-js would otherwise try to post telemetry to Clerk's servers.
    NEXT_PUBLIC_CLERK_TELEMETRY_DISABLED: "1",
  };
}
