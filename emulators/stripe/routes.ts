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
  /** A hono path under /v1; its `:id`, if any, is passed to the handler. */
  path: string;
  /** Whether Stripe.js may call it with the publishable key (the handler then checks the client secret). */
  publishable: boolean;
  params: z.ZodType;
  handle(ctx: ApiContext, params: unknown, id: string): ApiObject;
}

/** Keeps each handler's params typed by its own schema. */
export function defineRoute<S extends z.ZodType>(route: {
  method: ApiRoute["method"];
  path: string;
  publishable?: boolean;
  params: S;
  handle(ctx: ApiContext, params: z.output<S>, id: string): ApiObject;
}): ApiRoute {
  return {
    ...route,
    publishable: route.publishable ?? false,
    handle: (ctx, params, id) => route.handle(ctx, params as z.output<S>, id),
  };
}
