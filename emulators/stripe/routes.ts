import type { z } from "zod";
import type { Auth } from "./auth";
import type { ApiObject } from "./types";

/** What an API handler knows about the request it serves. */
export interface ApiContext {
  auth: Auth;
  /** Recorded on the events the request causes, as Stripe's `event.request` does. */
  request: { id: string | null; idempotency_key: string | null };
}

export interface ApiRoute {
  method: "GET" | "POST";
  /** Matched against the path; capture groups are passed to the handler as `ids`. */
  pattern: RegExp;
  /** Whether Stripe.js may call it with the publishable key (the handler then checks the client secret). */
  publishable: boolean;
  params: z.ZodType;
  handle(ctx: ApiContext, params: unknown, ids: string[]): ApiObject;
}

/** Keeps each handler's params typed by its own schema. */
export function defineRoute<S extends z.ZodType>(route: {
  method: ApiRoute["method"];
  pattern: RegExp;
  publishable?: boolean;
  params: S;
  handle(ctx: ApiContext, params: z.output<S>, ids: string[]): ApiObject;
}): ApiRoute {
  return {
    ...route,
    publishable: route.publishable ?? false,
    handle: (ctx, params, ids) => route.handle(ctx, params as z.output<S>, ids),
  };
}
