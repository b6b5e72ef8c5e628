import { execFile } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";

/** The MDN HTTP Observatory scanner (@mdn/mdn-http-observatory), as its own CLI runs it. */
const scannerRoot = path.dirname(createRequire(import.meta.url).resolve("@mdn/mdn-http-observatory/package.json"));

export interface ObservatoryTest {
  pass: boolean;
  result: string;
  scoreModifier: number;
  route?: string[];
}

export interface ObservatoryScan {
  scan: { grade: string; score: number; statusCode: number; responseHeaders: Record<string, string> };
  tests: Record<string, ObservatoryTest>;
}

/**
 * The scanner's install script downloads the HSTS preload list, which cannot work offline, so package.json
 * denies it (allowScripts). No site on this machine is preloaded: an empty list is the true answer here.
 */
function provideOfflineHstsPreloadList() {
  const file = path.join(scannerRoot, "conf", "hsts-preload.json");
  if (!existsSync(file)) writeFileSync(file, "{}\n");
}

/** Scans `target` (`host:port` or `host:port/path`, over plain http here) and returns the scanner's JSON. */
export async function observatoryScan(target: string): Promise<ObservatoryScan> {
  provideOfflineHstsPreloadList();
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(scannerRoot, "src", "scan.js"), target], {
    // Nothing of the test run's: the scanner reads its own settings (e.g. SENTRY_DSN) from the environment.
    env: { PATH: process.env.PATH, NODE_ENV: "production" },
    timeout: 60_000,
  });
  const output = JSON.parse(stdout) as ObservatoryScan | { error: string };
  if ("error" in output) throw new Error(`the Observatory could not scan ${target}: ${output.error}`);
  return output;
}

/**
 * The scanner sends no cookies, so a signed-in page is scanned through this loopback hop, which adds the
 * session's cookies to each request and passes the app's answers back untouched. Returns its host:port.
 */
export async function withSessionCookies<T>(
  appUrl: string,
  cookies: Record<string, string>,
  scan: (host: string) => Promise<T>,
): Promise<T> {
  const app = new URL(appUrl);
  const cookie = Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");
  const hop = http.createServer((request, response) => {
    const upstream = http.request(
      {
        host: app.hostname,
        port: app.port,
        path: request.url,
        method: request.method,
        headers: { ...request.headers, host: app.host, cookie },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => hop.listen(0, "127.0.0.1", resolve));
  try {
    return await scan(`127.0.0.1:${(hop.address() as AddressInfo).port}`);
  } finally {
    await new Promise((resolve) => hop.close(resolve));
  }
}
