import { z } from "zod";
import type { Faults } from "./faults";
import { expand } from "./params";
import { defineRoute, type ApiContext, type ApiRoute } from "./routes";
import { newId, nowSeconds, type Store } from "./store";
import { resourceMissing } from "./stripe-errors";
import { API_VERSION, type StripeEvent, type StripeObject } from "./types";
import type { EventWebhooks } from "./webhook-delivery";

/** Changes made from the "Dashboard" (the test API) have no API request behind them. */
export const DASHBOARD_REQUEST: ApiContext["request"] = { id: null, idempotency_key: null };

/** Records an Event for each state change and hands it to webhook delivery. */
export class EventLog {
  constructor(
    private readonly store: Store,
    private readonly dispatcher: EventWebhooks,
    private readonly faults: Faults,
  ) {}

  emit(type: string, object: StripeObject, request: ApiContext["request"]): StripeEvent {
    const event: StripeEvent = {
      id: newId("evt"),
      object: "event",
      api_version: API_VERSION,
      created: nowSeconds(),
      // A snapshot: the event shows the object as it was when the change happened.
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: request.id, idempotency_key: request.idempotency_key },
      type,
    };
    this.store.events.set(event.id, event);
    this.dispatcher.enqueue(event, this.faults.takeDuplicate() ? 2 : 1);
    return event;
  }
}

export function eventRoutes(store: Store): ApiRoute[] {
  return [
    defineRoute({
      method: "GET",
      path: "/events/:id",
      params: z.strictObject({ expand: expand.optional() }),
      handle(_ctx, _params, id) {
        const event = store.events.get(id);
        if (!event) throw resourceMissing("event", id);
        return event;
      },
    }),
  ];
}
