import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { DASHBOARD_REQUEST } from "./events";
import { faultsInput, type Faults } from "./faults";
import { readBody, sendJson } from "./http-io";
import { settle, type FlowDeps } from "./payment-flow";
import { createRefund } from "./refunds";
import { StripeApiError } from "./stripe-errors";
import type { WebhookDispatcher } from "./webhook-delivery";

/**
 * Controls for tests under /__test/ (JSON in, JSON out). Not part of Stripe's API: they play the
 * Dashboard, the bank and the network. Local only; the emulator listens on 127.0.0.1.
 */

export interface TestApiDeps extends FlowDeps {
  faults: Faults;
  webhooks: WebhookDispatcher;
  reset: () => void;
}

const empty = z.strictObject({});
const settleInput = z.strictObject({ result: z.enum(["succeeded", "failed"]) });
const refundInput = z.strictObject({
  paymentIntent: z.string().min(1),
  amount: z.int().positive().optional(),
  reason: z.enum(["duplicate", "fraudulent", "requested_by_customer"]).optional(),
});
const releaseInput = z.strictObject({
  order: z.enum(["created", "reversed"]).default("created"),
  eventIds: z.array(z.string()).optional(),
  keepHolding: z.boolean().default(false),
});
const retryPolicyInput = z.strictObject({
  baseDelayMs: z.int().min(1).max(3_600_000).optional(),
  maxAttempts: z.int().min(1).max(50).optional(),
  timeoutMs: z.int().min(1).max(120_000).optional(),
});

type Handler = (input: { body: unknown; query: URLSearchParams; id: string }) => unknown;

interface TestRoute {
  method: string;
  pattern: RegExp;
  handle: Handler;
}

class BadRequest extends Error {}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new BadRequest(z.prettifyError(result.error));
  return result.data;
}

function testRoutes(deps: TestApiDeps): TestRoute[] {
  const findPaymentIntent = (id: string) => {
    const paymentIntent = deps.store.paymentIntents.get(id);
    if (!paymentIntent) throw new BadRequest(`No such payment_intent: '${id}'`);
    return paymentIntent;
  };
  return [
    {
      method: "GET",
      pattern: /^\/__test\/payment_intents$/,
      handle: () => ({ data: [...deps.store.paymentIntents.values()] }),
    },
    {
      method: "POST",
      pattern: /^\/__test\/payment_intents\/([^/]+)\/settle$/,
      handle: ({ body, id }) => settle(deps, findPaymentIntent(id), parse(settleInput, body).result, DASHBOARD_REQUEST),
    },
    {
      method: "POST",
      pattern: /^\/__test\/refunds$/,
      handle: ({ body }) => {
        const { paymentIntent, ...rest } = parse(refundInput, body);
        return createRefund(deps, { payment_intent: paymentIntent, ...rest }, DASHBOARD_REQUEST);
      },
    },
    {
      method: "GET",
      pattern: /^\/__test\/events$/,
      handle: ({ query }) => ({
        data: [...deps.store.events.values()].filter((event) => !query.get("type") || event.type === query.get("type")),
      }),
    },
    {
      method: "POST",
      pattern: /^\/__test\/events\/([^/]+)\/resend$/,
      handle: ({ body, id }) => {
        parse(empty, body);
        const event = deps.store.events.get(id);
        if (!event) throw new BadRequest(`No such event: '${id}'`);
        deps.webhooks.enqueue(event);
        return { resent: id };
      },
    },
    { method: "GET", pattern: /^\/__test\/faults$/, handle: () => deps.faults.snapshot() },
    {
      method: "POST",
      pattern: /^\/__test\/faults$/,
      handle: ({ body }) => deps.faults.apply(parse(faultsInput, body)),
    },
    {
      method: "DELETE",
      pattern: /^\/__test\/faults$/,
      handle: () => {
        deps.faults.clear();
        return deps.faults.snapshot();
      },
    },
    {
      method: "GET",
      pattern: /^\/__test\/webhooks\/deliveries$/,
      handle: ({ query }) => ({
        data: deps.webhooks.list({
          eventId: query.get("eventId") ?? undefined,
          eventType: query.get("eventType") ?? undefined,
        }),
      }),
    },
    {
      method: "POST",
      pattern: /^\/__test\/webhooks\/hold$/,
      handle: ({ body }) => {
        parse(empty, body);
        deps.webhooks.hold();
        return { holding: true };
      },
    },
    {
      method: "POST",
      pattern: /^\/__test\/webhooks\/release$/,
      handle: async ({ body }) => ({ data: await deps.webhooks.release(parse(releaseInput, body)) }),
    },
    {
      method: "POST",
      pattern: /^\/__test\/webhooks\/retry-policy$/,
      handle: ({ body }) => deps.webhooks.setRetryPolicy(parse(retryPolicyInput, body)),
    },
    {
      method: "POST",
      pattern: /^\/__test\/reset$/,
      handle: ({ body }) => {
        parse(empty, body);
        deps.reset();
        return { reset: true };
      },
    },
  ];
}

export function createTestApi(deps: TestApiDeps) {
  const routes = testRoutes(deps);
  return async function handleTestApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = routes.find((candidate) => candidate.method === req.method && candidate.pattern.test(url.pathname));
    if (!route) return sendJson(res, 404, { error: { message: `No test route ${req.method} ${url.pathname}` } });
    try {
      const text = await readBody(req);
      let body: unknown = {};
      try {
        if (text.trim()) body = JSON.parse(text);
      } catch {
        throw new BadRequest("Body is not valid JSON.");
      }
      const id = route.pattern.exec(url.pathname)?.[1] ?? "";
      sendJson(res, 200, await route.handle({ body, query: url.searchParams, id }));
    } catch (error) {
      if (error instanceof BadRequest) return sendJson(res, 400, { error: { message: error.message } });
      // Refusals from the payment logic keep Stripe's error shape.
      if (error instanceof StripeApiError) return sendJson(res, error.status, { error: error.body });
      throw error;
    }
  };
}
