import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClerkEmulator, type ClerkEmulatorOptions } from "./server";
import { setup } from "./setup";

export const APP_URL = "http://localhost:3999";

/** Starts an emulator on port 0 with a fresh data dir; returns its base URL and the env setup() gave. */
export async function startEmulator(options: Partial<ClerkEmulatorOptions> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "clerk-emulator-"));
  const emulator = createClerkEmulator({
    dataDir,
    appUrl: APP_URL,
    webhookRetry: { baseDelayMs: 20, maxAttempts: 3 },
    ...options,
  });
  await new Promise<void>((resolve) => emulator.server.listen(0, "127.0.0.1", resolve));
  const { port } = emulator.server.address() as AddressInfo;
  const env = await setup({ dataDir, port, appUrl: APP_URL });
  return {
    ...emulator,
    env,
    dataDir,
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** A stand-in for the app's webhook route; `respond` decides each status from the attempt number. */
export async function startReceiver(respond: (attempt: number) => number = () => 200) {
  const received: { headers: IncomingMessage["headers"]; body: string }[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
    res.writeHead(respond(received.length)).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/clerk`,
    received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `name=value` pairs from Set-Cookie headers, as a browser would send them back. */
export function cookieJar(setCookies: string[]): Record<string, string> {
  return Object.fromEntries(setCookies.map((c) => c.split(";")[0]!.split("=")).map(([n, ...v]) => [n!, v.join("=")]));
}

export function cookieHeader(jar: Record<string, string>): string {
  return Object.entries(jar)
    .map(([n, v]) => `${n}=${v}`)
    .join("; ");
}
