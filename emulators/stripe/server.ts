import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { prettyJSON } from "hono/pretty-json";
import { onError } from "../shared/json-errors";
import { closeServer, nodeServer } from "../shared/node-server";
import { limitBody } from "../shared/request-input";
import { retryPolicy, type RetryPolicy } from "../shared/webhook-sender";
import { api } from "./api";
import type { ApiKeys } from "./auth";
import { chargeRoutes } from "./charges";
import { disputeRoutes } from "./disputes";
import { EventLog, eventRoutes } from "./events";
import { Faults } from "./faults";
import { IdempotencyStore } from "./idempotency";
import { paymentIntentRoutes } from "./payment-intents";
import { refundRoutes } from "./refunds";
import { Store } from "./store";
import { StripeApiError } from "./stripe-errors";
import { STRIPE_JS_PATHS, stripeJsSource } from "./stripe-js";
import { testApi } from "./test-api";
import { EventWebhooks } from "./webhook-delivery";

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
  webhooks: EventWebhooks;
  /** Forgets all objects, events, deliveries, idempotency keys and faults; keys and secrets stay. */
  reset(): void;
  /** The http://127.0.0.1:<port> origin once listening. */
  url(): string;
  close(): Promise<void>;
}

const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 2_000, maxAttempts: 8, timeoutMs: 10_000 };
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Stripe.js calls the API from the app's pages, another origin; Stripe answers any origin, since those
 * calls carry only a publishable key.
 */
const stripeCors = cors({
  origin: "*",
  allowMethods: ["GET", "POST", "DELETE", "OPTIONS"],
  allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "Stripe-Version", "Stripe-Account"],
  exposeHeaders: ["Request-Id", "Idempotent-Replayed", "Original-Request", "Stripe-Version"],
  maxAge: 300,
});

/** Builds the emulator without listening, so tests can start it on port 0 in-process. */
export function createStripeEmulator(options: StripeEmulatorOptions): StripeEmulator {
  const log = options.log ?? (() => {});
  const store = new Store();
  const faults = new Faults();
  const idempotency = new IdempotencyStore();
  const webhooks = new EventWebhooks({
    url: new URL(options.webhookPath ?? "/api/webhooks/stripe", options.appUrl).toString(),
    secret: options.webhookSecret,
    retryPolicy: retryPolicy(DEFAULT_RETRY_POLICY, options.webhookRetry),
    onDelivered: (eventId) => {
      const event = store.events.get(eventId);
      if (event) event.pending_webhooks = 0;
    },
    log,
  });
  const events = new EventLog(store, webhooks, faults);
  const flow = { store, events };
  const routes = [
    ...paymentIntentRoutes(flow),
    ...refundRoutes(flow),
    ...chargeRoutes(store),
    ...disputeRoutes(flow),
    ...eventRoutes(store),
  ];

  const reset = () => {
    store.clear();
    faults.clear();
    idempotency.clear();
    webhooks.reset();
  };
  const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Stripe's API answers pretty-printed JSON; so does this emulator, its test API included.
  const app = new Hono().use(prettyJSON({ force: true }));
  app.use(limitBody(MAX_BODY_BYTES, { error: { type: "invalid_request_error", message: "request body too large" } }));
  app.on("GET", STRIPE_JS_PATHS, stripeCors, (c) =>
    c.body(stripeJsSource(c.req.header("host"), url()), 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "no-store",
    }),
  );
  app.use("/v1/*", stripeCors);
  app.route("/v1", api({ routes, keys: options, faults, idempotency, store, log }));
  app.route("/__test", testApi({ ...flow, faults, webhooks, reset }));
  app.notFound((c) =>
    c.req.path.startsWith("/__test/")
      ? c.json({ error: { message: `No test route ${c.req.method} ${c.req.path}` } }, 404)
      : c.json(
          {
            error: {
              type: "invalid_request_error",
              message: `Unrecognized request URL (${c.req.method}: ${c.req.path}).`,
            },
          },
          404,
        ),
  );
  app.onError(
    onError((error, c) => {
      if (error instanceof StripeApiError) return c.json({ error: error.body }, error.status);
      log(`internal error on ${c.req.method} ${c.req.path}: ${error instanceof Error ? error.stack : String(error)}`);
      return c.json(
        { error: { type: "api_error", message: "An unknown error occurred in the Stripe emulator." } },
        500,
      );
    }),
  );

  const server = nodeServer(app);
  return {
    server,
    store,
    faults,
    webhooks,
    reset,
    url,
    close: () => {
      webhooks.reset();
      return closeServer(server);
    },
  };
}
