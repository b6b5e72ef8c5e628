import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate, secretKeyRequired, type ApiKeys } from "./auth";
import { expandObject } from "./expand";
import type { Faults } from "./faults";
import { parseFormBody } from "./form-body";
import { CORS_HEADERS, readBody, send, sleep } from "./http-io";
import type { IdempotencyStore, SavedResponse } from "./idempotency";
import { parseParams } from "./params";
import type { ApiRoute } from "./routes";
import { newId, type Store } from "./store";
import { invalidRequest, StripeApiError, type StripeErrorBody } from "./stripe-errors";
import { API_VERSION } from "./types";

/**
 * The /v1 pipeline: injected faults, authentication, routing, idempotency, validation, then the handler.
 * Handlers run synchronously, so two requests with one idempotency key can never interleave.
 */

export interface ApiDeps {
  routes: ApiRoute[];
  keys: ApiKeys;
  faults: Faults;
  idempotency: IdempotencyStore;
  store: Store;
  log: (line: string) => void;
}

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

const errorAnswer = (error: StripeApiError): Answer => ({
  status: error.status,
  body: JSON.stringify({ error: error.body }, null, 2),
});

function injectedFailure(status: number, shouldRetry: boolean | undefined): Answer {
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
  return { ...errorAnswer(new StripeApiError(status, body)), headers };
}

async function process(req: IncomingMessage, url: URL, requestId: string, deps: ApiDeps): Promise<Answer> {
  const method = req.method ?? "GET";
  const auth = authenticate(req.headers.authorization, deps.keys);
  const route = deps.routes.find((candidate) => candidate.method === method && candidate.pattern.test(url.pathname));
  if (!route) throw invalidRequest(`Unrecognized request URL (${method}: ${url.pathname}).`, { status: 404 });
  if (auth.kind === "publishable" && !route.publishable) throw secretKeyRequired();
  const ids = route.pattern.exec(url.pathname)?.slice(1) ?? [];
  const raw = parseFormBody(method === "GET" ? url.search.slice(1) : await readBody(req));

  // Stripe only honours idempotency keys on POST.
  const key = method === "POST" ? req.headers["idempotency-key"]?.toString() : undefined;
  const endpoint = `${method} ${url.pathname}`;
  if (key !== undefined) {
    if (key.length > 255)
      throw invalidRequest("Idempotency-Key must be at most 255 characters long.", { param: "Idempotency-Key" });
    const found = deps.idempotency.lookup(auth.key, key, endpoint, raw);
    if (found.kind === "replay") {
      const { response } = found;
      return {
        status: response.status,
        body: response.body,
        headers: { "idempotent-replayed": "true", "original-request": response.requestId, "idempotency-key": key },
      };
    }
    if (found.kind === "mismatch") {
      const message =
        found.reason === "endpoint"
          ? `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${found.firstEndpoint}' vs '${endpoint}'). Try using a key other than '${key}' if you meant to execute a different request.`
          : `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
      return errorAnswer(new StripeApiError(400, { type: "idempotency_error", message }));
    }
  }

  // A request that fails validation never started executing, so Stripe does not save it under its key.
  const params = parseParams(route.params, raw) as { expand?: string[] };
  let answer: Answer;
  try {
    const object = route.handle({ auth, request: { id: requestId, idempotency_key: key ?? null } }, params, ids);
    const expanded =
      auth.kind === "secret" && params.expand?.length ? expandObject(deps.store, object, params.expand) : object;
    answer = { status: 200, body: JSON.stringify(expanded, null, 2) };
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    answer = errorAnswer(error);
  }
  if (key !== undefined) {
    const saved: SavedResponse = { status: answer.status, body: answer.body, requestId };
    deps.idempotency.save(auth.key, key, endpoint, raw, saved);
    answer.headers = { "idempotency-key": key };
  }
  return answer;
}

export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: ApiDeps): Promise<void> {
  const requestId = newId("req");
  const line = `${req.method} ${url.pathname}`;
  if (deps.faults.takeDrop("beforeProcessing")) {
    deps.log(`${line} -> connection dropped (fault)`);
    req.socket.destroy();
    return;
  }
  if (deps.faults.latencyMs > 0) await sleep(deps.faults.latencyMs);
  const failure = deps.faults.takeFailure();
  let answer: Answer;
  if (failure) {
    answer = injectedFailure(failure.status, failure.shouldRetry);
  } else {
    try {
      answer = await process(req, url, requestId, deps);
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      answer = errorAnswer(error);
    }
  }
  if (deps.faults.takeDrop("afterProcessing")) {
    deps.log(`${line} -> ${answer.status}, answer dropped (fault)`);
    req.socket.destroy();
    return;
  }
  deps.log(
    `${line} -> ${answer.status}${answer.headers?.["idempotent-replayed"] ? " (replayed)" : ""}${failure ? " (fault)" : ""}`,
  );
  const version = req.headers["stripe-version"]?.toString() ?? API_VERSION;
  send(res, answer.status, answer.body, {
    ...CORS_HEADERS,
    "request-id": requestId,
    "stripe-version": version,
    ...answer.headers,
  });
}
