import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { avatarRoutes } from "./avatars";
import { backendApiRoutes } from "./backend-api";
import { bundleRoutes } from "./bundles";
import { frontendApiRoutes } from "./frontend-api";
import { HttpError, sendJson, type RequestContext, type Route } from "./http";
import { appOrigin as toAppOrigin, DEFAULT_SECRET_KEY } from "./instance";
import { loadOrCreateKeyMaterial } from "./keys";
import { Sessions } from "./sessions";
import { signInPageRoutes } from "./sign-in-page";
import { ClerkStore } from "./store";
import { testApiRoutes } from "./test-api";
import { Users } from "./users";
import { DEFAULT_RETRY_POLICY, WebhookDispatcher, type RetryPolicy } from "./webhooks";

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
  webhooks: WebhookDispatcher;
  /** Stops pending webhook retries and closes the server. */
  close(): Promise<void>;
}

/** Builds the emulator without listening, so tests can listen on port 0 in-process. */
export function createClerkEmulator(options: ClerkEmulatorOptions): ClerkEmulator {
  const appOrigin = toAppOrigin(options.appUrl);
  const keys = loadOrCreateKeyMaterial(options.dataDir);
  const store = new ClerkStore(join(options.dataDir, "state.json"));
  const webhooks = new WebhookDispatcher(
    options.webhookUrl ?? `${appOrigin}/api/webhooks/clerk`,
    options.webhookSecret ?? keys.webhookSecret,
    // Drop undefined entries so unset options keep their defaults.
    {
      ...DEFAULT_RETRY_POLICY,
      ...Object.fromEntries(Object.entries(options.webhookRetry ?? {}).filter(([, v]) => v !== undefined)),
    },
  );
  const sessions = new Sessions(store, keys, appOrigin);
  const users = new Users(store, webhooks, appOrigin);
  const testRoutes = testApiRoutes(sessions, users);
  const routes: Route[] = [
    ...frontendApiRoutes(sessions),
    ...backendApiRoutes(store, keys, options.secretKey ?? DEFAULT_SECRET_KEY, appOrigin),
    ...signInPageRoutes(sessions, users),
    ...bundleRoutes,
    ...avatarRoutes(store),
  ];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const override = url.searchParams.get("_method")?.toUpperCase();
    const method = req.method === "POST" && override ? override : (req.method ?? "GET");
    try {
      // Normally the browser reaches us same-origin through the app's rewrite; direct calls need CORS.
      if (req.headers.origin === appOrigin) {
        res.setHeader("access-control-allow-origin", appOrigin);
        res.setHeader("access-control-allow-credentials", "true");
        res.setHeader("vary", "origin");
      }
      if (req.method === "OPTIONS") {
        res.writeHead(204, {
          "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE",
          "access-control-allow-headers": "content-type, authorization",
          "access-control-max-age": "600",
        });
        return void res.end();
      }
      // The test API mints tokens for anyone: keep it off the app's public /clerk-fapi rewrite.
      const proxied = req.headers["x-forwarded-host"] !== undefined;
      const candidates = proxied ? routes : [...testRoutes, ...routes];
      for (const route of candidates) {
        const match = route.method === method && route.path.exec(url.pathname);
        if (!match) continue;
        const ctx: RequestContext = { req, res, url, method, params: match.slice(1) };
        return await route.handle(ctx);
      }
      sendJson(res, 404, {
        errors: [
          { code: "resource_not_found", message: "not found", long_message: `No route for ${method} ${url.pathname}` },
        ],
      });
    } catch (error) {
      if (error instanceof HttpError) return sendJson(res, error.status, error.body);
      console.error("clerk emulator: request failed", method, url.pathname, error);
      if (!res.headersSent)
        sendJson(res, 500, {
          errors: [{ code: "internal_error", message: "emulator error", long_message: String(error) }],
        });
      else res.end();
    }
  });

  return {
    server,
    store,
    webhooks,
    close: () =>
      new Promise<void>((resolve, reject) => {
        webhooks.reset();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
