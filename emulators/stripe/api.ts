import type { HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { setTimeout as sleep } from "node:timers/promises";
import { authenticate, secretKeyRequired, type ApiKeys, type Auth } from "./auth";
import { expandObject } from "./expand";
import type { Faults } from "./faults";
import { parseFormBody } from "./form-body";
import type { IdempotencyStore, SavedResponse } from "./idempotency";
import { parseParams } from "./params";
import type { ApiRoute } from "./routes";
import { newId, type Store } from "./store";
import { invalidRequest, StripeApiError, type StripeErrorBody } from "./stripe-errors";
import { API_VERSION } from "./types";

/**
 * The /v1 API, mounted at /v1: injected faults, authentication, routing, idempotency, validation, then
 * the handler. Handlers run synchronously, so two requests with one idempotency key can never interleave.
 */

export interface ApiDeps {
  routes: ApiRoute[];
  keys: ApiKeys;
  faults: Faults;
  idempotency: IdempotencyStore;
  store: Store;
  log: (line: string) => void;
}

type ApiEnv = { Bindings: HttpBindings; Variables: { requestId: string; auth: Auth } };

/** Answers are kept as text: an idempotent replay sends the first answer again. */
function answer(c: Context, status: number, body: string, headers: Record<string, string> = {}) {
  return c.body(body, status as ContentfulStatusCode, { "content-type": "application/json", ...headers });
}

const errorJson = (body: StripeErrorBody) => JSON.stringify({ error: body });

function injectedFailure(c: Context, status: number, shouldRetry: boolean | undefined): Response {
  const body: StripeErrorBody =
    status === 429
      ? { type: "invalid_request_error", code: "rate_limit", message: "Too many requests hit the API too quickly." }
      : status === 409
        ? {
            type: "invalid_request_error",
            code: "lock_timeout",
            message:
              "This object cannot be accessed right now because another API request or Stripe process is accessing it.",
          }
        : { type: "api_error", message: "An unknown error occurred (injected by the Stripe emulator)." };
  const headers = shouldRetry === undefined ? undefined : { "stripe-should-retry": String(shouldRetry) };
  return answer(c, status, errorJson(body), headers);
}

/**
 * Plays the network in front of the API (dropped connections, latency, injected failures, so nothing is
 * saved under an idempotency key), logs every answer and stamps it with Stripe's response headers.
 */
function network({ faults, log }: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const requestId = newId("req");
    c.set("requestId", requestId);
    const line = `${c.req.method} ${c.req.path}`;
    const drop = () => {
      c.env.incoming.socket.destroy();
      return RESPONSE_ALREADY_SENT;
    };
    if (faults.takeDrop("beforeProcessing")) {
      log(`${line} -> connection dropped (fault)`);
      return drop();
    }
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const failure = faults.takeFailure();
    if (failure) c.res = injectedFailure(c, failure.status, failure.shouldRetry);
    else await next();
    if (faults.takeDrop("afterProcessing")) {
      log(`${line} -> ${c.res.status}, answer dropped (fault)`);
      c.res = drop();
      return;
    }
    const replayed = c.res.headers.has("idempotent-replayed");
    log(`${line} -> ${c.res.status}${replayed ? " (replayed)" : ""}${failure ? " (fault)" : ""}`);
    c.res.headers.set("request-id", requestId);
    c.res.headers.set("stripe-version", c.req.header("stripe-version") ?? API_VERSION);
  };
}

/** Runs one endpoint: key check, form decoding, idempotency, validation, the handler and `expand[]`. */
async function runEndpoint(c: Context<ApiEnv>, route: ApiRoute, deps: ApiDeps): Promise<Response> {
  const auth = c.get("auth");
  if (auth.kind === "publishable" && !route.publishable) throw secretKeyRequired();
  const method = c.req.method;
  const raw = parseFormBody(method === "GET" ? new URL(c.req.url).search.slice(1) : await c.req.text());

  // Stripe only honours idempotency keys on POST.
  const key = method === "POST" ? c.req.header("idempotency-key") : undefined;
  const endpoint = `${method} ${c.req.path}`;
  if (key !== undefined) {
    if (key.length > 255)
      throw invalidRequest("Idempotency-Key must be at most 255 characters long.", { param: "Idempotency-Key" });
    const found = deps.idempotency.lookup(auth.key, key, endpoint, raw);
    if (found.kind === "replay") {
      const { response } = found;
      return answer(c, response.status, response.body, {
        "idempotent-replayed": "true",
        "original-request": response.requestId,
        "idempotency-key": key,
      });
    }
    if (found.kind === "mismatch") {
      const advice = `Try using a key other than '${key}' if you meant to execute a different request.`;
      const message =
        found.reason === "endpoint"
          ? "Keys for idempotent requests can only be used for the same endpoint they were first used for " +
            `('${found.firstEndpoint}' vs '${endpoint}'). ${advice}`
          : "Keys for idempotent requests can only be used with the same parameters they were first used with. " +
            advice;
      throw new StripeApiError(400, { type: "idempotency_error", message });
    }
  }

  // A request that fails validation never started executing, so Stripe does not save it under its key.
  const params = parseParams(route.params, raw) as { expand?: string[] };
  const requestId = c.get("requestId");
  let saved: SavedResponse;
  try {
    const object = route.handle(
      { auth, request: { id: requestId, idempotency_key: key ?? null } },
      params,
      c.req.param("id") ?? "",
    );
    const expanded =
      auth.kind === "secret" && params.expand?.length ? expandObject(deps.store, object, params.expand) : object;
    saved = { status: 200, body: JSON.stringify(expanded), requestId };
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    saved = { status: error.status, body: errorJson(error.body), requestId };
  }
  if (key === undefined) return answer(c, saved.status, saved.body);
  deps.idempotency.save(auth.key, key, endpoint, raw, saved);
  return answer(c, saved.status, saved.body, { "idempotency-key": key });
}

export function api(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>().use(network(deps)).use(async (c, next) => {
    c.set("auth", authenticate(c.req.header("authorization"), deps.keys));
    await next();
  });
  for (const route of deps.routes) app.on(route.method, route.path, (c) => runEndpoint(c, route, deps));
  return app;
}
