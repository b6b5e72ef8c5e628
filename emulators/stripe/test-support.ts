import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { createStripeEmulator, type StripeEmulatorOptions } from "./server";
import type { StripeErrorBody } from "./stripe-errors";
import type { PaymentIntent } from "./types";

/** Shared by the emulator's tests: an in-process emulator on port 0, a webhook receiver, and SDK clients. */

export const KEYS = {
  secretKey: "sk_test_emulator_unit",
  publishableKey: "pk_test_emulator_unit",
  webhookSecret: "whsec_unit_test_secret",
};

/** What raw API calls in tests read: a PaymentIntent or an error. */
export type ApiBody = Partial<PaymentIntent> & { error?: StripeErrorBody };

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Stands in for the app's webhook route; `respond` picks the status for each request in turn. */
export async function startReceiver() {
  const received: ReceivedWebhook[] = [];
  const state: { respond: (index: number) => number } = { respond: () => 200 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const index = received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") }) - 1;
      res.writeHead(state.respond(index)).end();
    });
  });
  const url = await listen(server);
  return {
    url,
    received,
    events: () => received.map((entry) => JSON.parse(entry.body) as Stripe.Event),
    respondWith: (respond: (index: number) => number) => {
      state.respond = respond;
    },
    // Closing twice is fine. Deliveries still in flight keep connections open: drop them, so tests end at once.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function startEmulator(options: Partial<StripeEmulatorOptions> = {}) {
  const receiver = await startReceiver();
  const emulator = createStripeEmulator({
    ...KEYS,
    appUrl: receiver.url,
    webhookRetry: { baseDelayMs: 20, maxAttempts: 4, timeoutMs: 2_000 },
    ...options,
  });
  const baseUrl = await listen(emulator.server);
  const port = Number(new URL(baseUrl).port);
  const client = (key: string, config: Stripe.StripeConfig = {}) =>
    new Stripe(key, { host: "127.0.0.1", port, protocol: "http", ...config });

  /** Calls the /__test/ API and returns its JSON. */
  async function testApi<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}/__test/${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} /__test/${path} -> ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** A raw form-encoded API call, for what the SDK hides (headers) or cannot send (publishable key). */
  async function api(
    method: string,
    path: string,
    params: Record<string, string>,
    headers: Record<string, string> = {},
  ) {
    const query = new URLSearchParams(params).toString();
    const response = await fetch(`${baseUrl}${path}${method === "GET" ? `?${query}` : ""}`, {
      method,
      headers: {
        authorization: `Bearer ${KEYS.secretKey}`,
        "content-type": "application/x-www-form-urlencoded",
        ...headers,
      },
      body: method === "GET" ? undefined : query,
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as ApiBody };
  }

  return {
    emulator,
    receiver,
    baseUrl,
    stripe: client(KEYS.secretKey),
    client,
    testApi,
    api,
    close: async () => {
      await emulator.close();
      await receiver.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startEmulator>>;

export async function waitFor(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for condition");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
