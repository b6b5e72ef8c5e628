import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleApi } from "./api";
import type { ApiKeys } from "./auth";
import { chargeRoutes } from "./charges";
import { EventLog, eventRoutes } from "./events";
import { Faults } from "./faults";
import { BodyTooLargeError, CORS_HEADERS, sendJson } from "./http-io";
import { IdempotencyStore } from "./idempotency";
import { paymentIntentRoutes } from "./payment-intents";
import { refundRoutes } from "./refunds";
import { Store } from "./store";
import { STRIPE_JS_PATHS, stripeJsSource } from "./stripe-js";
import { createTestApi } from "./test-api";
import { WebhookDispatcher, type RetryPolicy } from "./webhook-delivery";

export interface StripeEmulatorOptions extends ApiKeys {
  /** The app's origin; events are POSTed to `${appUrl}${webhookPath}`. */
  appUrl: string;
  webhookSecret: string;
  webhookPath?: string;
  webhookRetry?: Partial<RetryPolicy>;
  log?: (line: string) => void;
}

export interface StripeEmulator {
  server: Server;
  store: Store;
  faults: Faults;
  webhooks: WebhookDispatcher;
  /** Forgets all objects, events, deliveries, idempotency keys and faults; keys and secrets stay. */
  reset(): void;
  /** The http://127.0.0.1:<port> origin once listening. */
  url(): string;
  close(): Promise<void>;
}

const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 2_000, maxAttempts: 8, timeoutMs: 10_000 };

/** Builds the emulator without listening, so tests can start it on port 0 in-process. */
export function createStripeEmulator(options: StripeEmulatorOptions): StripeEmulator {
  const log = options.log ?? (() => {});
  const store = new Store();
  const faults = new Faults();
  const idempotency = new IdempotencyStore();
  const webhooks = new WebhookDispatcher({
    url: new URL(options.webhookPath ?? "/api/webhooks/stripe", options.appUrl).toString(),
    secret: options.webhookSecret,
    retryPolicy: { ...DEFAULT_RETRY_POLICY, ...options.webhookRetry },
    onDelivered: (eventId) => {
      const event = store.events.get(eventId);
      if (event) event.pending_webhooks = 0;
    },
    log,
  });
  const events = new EventLog(store, webhooks, faults);
  const flow = { store, events };
  const routes = [...paymentIntentRoutes(flow), ...refundRoutes(flow), ...chargeRoutes(store), ...eventRoutes(store)];

  const reset = () => {
    store.clear();
    faults.clear();
    idempotency.clear();
    webhooks.reset();
  };
  const handleTestApi = createTestApi({ ...flow, faults, webhooks, reset });
  const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = requestUrl.pathname;
    if (req.method === "OPTIONS") {
      res.writeHead(204, CORS_HEADERS).end();
    } else if (req.method === "GET" && STRIPE_JS_PATHS.has(path)) {
      res.writeHead(200, {
        ...CORS_HEADERS,
        "content-type": "text/javascript; charset=utf-8",
        "cache-control": "no-store",
      });
      res.end(stripeJsSource(req.headers.host, url()));
    } else if (path.startsWith("/__test/")) {
      await handleTestApi(req, res, requestUrl);
    } else if (path.startsWith("/v1/")) {
      await handleApi(req, res, requestUrl, { routes, keys: options, faults, idempotency, store, log });
    } else {
      sendJson(res, 404, {
        error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${path}).` },
      });
    }
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof BodyTooLargeError)
        return sendJson(res, 413, { error: { type: "invalid_request_error", message: error.message } });
      log(
        `internal error on ${req.method} ${req.url?.split("?")[0]}: ${error instanceof Error ? error.stack : String(error)}`,
      );
      sendJson(
        res,
        500,
        { error: { type: "api_error", message: "An unknown error occurred in the Stripe emulator." } },
        CORS_HEADERS,
      );
    });
  });

  return {
    server,
    store,
    faults,
    webhooks,
    reset,
    url,
    close: () =>
      new Promise((resolve, reject) => {
        webhooks.reset();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
