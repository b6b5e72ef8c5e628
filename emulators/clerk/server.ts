import type { Server } from "node:http";
import { join } from "node:path";
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { methodOverride } from "hono/method-override";
import { onError } from "../shared/json-errors";
import { closeServer, nodeServer } from "../shared/node-server";
import { limitBody } from "../shared/request-input";
import { retryPolicy, type RetryPolicy } from "../shared/webhook-sender";
import { avatars } from "./avatars";
import { backendApi } from "./backend-api";
import { bundles } from "./bundles";
import { frontendApi } from "./frontend-api";
import { appOrigin as toAppOrigin, DEFAULT_SECRET_KEY } from "./instance";
import { loadOrCreateKeyMaterial } from "./keys";
import { json } from "./responses";
import { Sessions } from "./sessions";
import { signInPage } from "./sign-in-page";
import { ClerkStore } from "./store";
import { testApi } from "./test-api";
import { Users } from "./users";
import { DEFAULT_RETRY_POLICY, UserWebhooks } from "./webhooks";

export interface ClerkEmulatorOptions {
  dataDir: string;
  appUrl: string;
  /** Defaults to the fixed dummy key setup() hands the app. */
  secretKey?: string;
  /** Defaults to the secret persisted in dataDir. */
  webhookSecret?: string;
  /** Defaults to `${appUrl}/api/webhooks/clerk`. */
  webhookUrl?: string;
  webhookRetry?: Partial<RetryPolicy>;
}

export interface ClerkEmulator {
  server: Server;
  store: ClerkStore;
  webhooks: UserWebhooks;
  /** Stops pending webhook retries and closes the server. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;

const notFound = (c: Context) =>
  json(
    c,
    {
      errors: [
        {
          code: "resource_not_found",
          message: "not found",
          long_message: `No route for ${c.req.method} ${c.req.path}`,
        },
      ],
    },
    404,
  );

/** Nothing the emulator answers may be cached, unless the route says otherwise (bundles, avatars). */
const noStoreByDefault: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store");
};

/** The test API mints tokens for anyone: keep it off the app's public /clerk-fapi rewrite. */
const directCallsOnly: MiddlewareHandler = async (c, next) =>
  c.req.header("x-forwarded-host") === undefined ? next() : notFound(c);

/** Builds the emulator without listening, so tests can listen on port 0 in-process. */
export function createClerkEmulator(options: ClerkEmulatorOptions): ClerkEmulator {
  const appOrigin = toAppOrigin(options.appUrl);
  const keys = loadOrCreateKeyMaterial(options.dataDir);
  const store = new ClerkStore(join(options.dataDir, "state.json"));
  const webhooks = new UserWebhooks(
    options.webhookUrl ?? `${appOrigin}/api/webhooks/clerk`,
    options.webhookSecret ?? keys.webhookSecret,
    retryPolicy(DEFAULT_RETRY_POLICY, options.webhookRetry),
  );
  const sessions = new Sessions(store, keys, appOrigin);
  const users = new Users(store, webhooks, appOrigin);

  const app = new Hono();
  app.use(noStoreByDefault);
  app.use(limitBody(MAX_BODY_BYTES, { error: "body too large" }));
  // clerk-js sends DELETE and PATCH as POST with `?_method=`; the rewritten request goes through the app again.
  app.post("*", methodOverride({ app, query: "_method" }));
  // Normally the browser reaches us same-origin through the app's rewrite; direct calls need CORS.
  app.use(
    cors({
      origin: (origin) => (origin === appOrigin ? appOrigin : null),
      credentials: true,
      allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
      allowHeaders: ["content-type", "authorization"],
      maxAge: 600,
    }),
  );
  app.use("/__test/*", directCallsOnly);
  app.route("/__test", testApi(sessions, users));
  app.route("/", frontendApi(sessions));
  app.route("/", backendApi(store, keys, options.secretKey ?? DEFAULT_SECRET_KEY, appOrigin));
  app.route("/", signInPage(sessions, users));
  app.route("/", bundles());
  app.route("/", avatars(store));
  app.notFound(notFound);
  app.onError(
    onError((error, c) => {
      console.error("clerk emulator: request failed", c.req.method, c.req.path, error);
      return json(
        c,
        { errors: [{ code: "internal_error", message: "emulator error", long_message: String(error) }] },
        500,
      );
    }),
  );

  const server = nodeServer(app);
  return {
    server,
    store,
    webhooks,
    close: () => {
      webhooks.reset();
      return closeServer(server);
    },
  };
}
