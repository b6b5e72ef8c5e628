import type { AddressInfo } from "node:net";
import { closeServer } from "../shared/node-server";
import { createSentryEmulator, type SentryEmulator } from "./server";

/** Shared by the emulator's tests: a server on port 0 and an envelope writer. */

export const PUBLIC_KEY = "0123456789abcdef0123456789abcdef";

export interface RunningEmulator extends SentryEmulator {
  baseUrl: string;
  ingestUrl: string;
  close(): Promise<void>;
}

export async function startEmulator(): Promise<RunningEmulator> {
  const emulator = createSentryEmulator({ publicKey: PUBLIC_KEY, appUrl: "http://localhost:3000" });
  await new Promise<void>((resolve) => emulator.server.listen(0, "127.0.0.1", resolve));
  const { port } = emulator.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    ...emulator,
    baseUrl,
    ingestUrl: `${baseUrl}/api/1/envelope/?sentry_version=7&sentry_key=${PUBLIC_KEY}`,
    close: () => closeServer(emulator.server),
  };
}

type Payload = string | Buffer | object;

/** Serialises an envelope; `withLength` adds each item's byte length, as the SDKs do. */
export function envelope(header: object, items: [object, Payload][], { withLength = true } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from(`${JSON.stringify(header)}\n`)];
  for (const [itemHeader, payload] of items) {
    const bytes = Buffer.isBuffer(payload)
      ? payload
      : Buffer.from(typeof payload === "string" ? payload : JSON.stringify(payload));
    parts.push(
      Buffer.from(`${JSON.stringify(withLength ? { ...itemHeader, length: bytes.length } : itemHeader)}\n`),
      bytes,
      Buffer.from("\n"),
    );
  }
  return Buffer.concat(parts);
}

export function randomHex(length: number): string {
  return Array.from({ length }, () => Math.floor(Math.random() * 16).toString(16)).join("");
}
