import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const systemPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** Flags from the shared notes: headless, no sandbox as root, and no background traffic on a closed network. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A system Chromium: CHROMIUM_PATH when set, else Debian's. */
export function findChromium(configured?: string): string | undefined {
  if (configured) return existsSync(configured) ? configured : undefined;
  return systemPaths.find((candidate) => existsSync(candidate));
}

function tryRun(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "inherit" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes sure a browser exists for the e2e suite: Debian's chromium when running as root on Debian,
 * otherwise Playwright's own build. Returns the executable path, or undefined for Playwright's build.
 */
export function ensureChromium(configured?: string): string | undefined {
  const found = findChromium(configured);
  if (found) return found;
  if (configured) throw new Error(`CHROMIUM_PATH points at ${configured}, which does not exist.`);
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync("/etc/debian_version")) {
    console.log("[test] no Chromium found: installing Debian's chromium package");
    if (tryRun("apt-get", ["update", "-qq"]) && tryRun("apt-get", ["install", "-y", "-qq", "chromium"])) {
      const installed = findChromium();
      if (installed) return installed;
    }
  }
  console.log("[test] no system Chromium: trying Playwright's own browser download");
  if (tryRun("npx", ["playwright", "install", "chromium"])) return undefined;
  throw new Error(
    "No Chromium for the e2e tests. Install one and run again: `sudo apt-get install chromium` on Debian or Ubuntu, " +
      "or `npx playwright install chromium` where downloads are allowed, or set CHROMIUM_PATH to a Chromium binary.",
  );
}
