import { defineConfig, devices } from "@playwright/test";
import { chromiumArgs, findChromium } from "./scripts/lib/chromium";
import { generousRateLimits } from "./scripts/lib/rate-limits";
import { readToolEnv } from "./scripts/lib/tool-env";

const toolEnv = readToolEnv();
/** e2e gets its own port (and so its own emulator ports), away from a running `npm run dev`. */
const port = toolEnv.E2E_PORT;
const baseURL = `http://localhost:${port}`;
/** `npm test` scans the build for secrets afterwards, with the values the stack generated for it. */
const envOut = toolEnv.E2E_ENV_OUT ? ` --env-out ${JSON.stringify(toolEnv.E2E_ENV_OUT)}` : "";
const phoneOnlySpecs = /phone\.spec\.ts$/;
const phoneSpecs = /(phone|pages)\.spec\.ts$/;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(toolEnv.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: { executablePath: findChromium(toolEnv.CHROMIUM_PATH), args: chromiumArgs },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: phoneOnlySpecs },
    // Phones, in Chromium (WebKit is not installed): only the layout and touch specs (the phone spec
    // includes the collapsed menu by keyboard), so the suite does not run every spec three times.
    { name: "pixel", use: { ...devices["Pixel 7"], browserName: "chromium" }, testMatch: phoneSpecs },
    { name: "iphone", use: { ...devices["iPhone 13"], browserName: "chromium" }, testMatch: phoneSpecs },
  ],
  webServer: {
    // The production build with the local stack: in-memory database unless DATABASE_URL is set.
    command: `tsx scripts/stack.ts --ephemeral --build${envOut} -- next start`,
    url: `${baseURL}/api/health/ready`,
    env: { PORT: String(port), NEXT_DIST_DIR: ".next-e2e", LOG_LEVEL: "warn", ...generousRateLimits },
    reuseExistingServer: false,
    timeout: 420_000,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
