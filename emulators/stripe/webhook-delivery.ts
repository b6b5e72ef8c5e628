import { WebhookSender, type Delivery as SentDelivery, type RetryPolicy } from "../shared/webhook-sender";
import type { StripeEvent } from "./types";
import { signatureHeader } from "./webhook-signature";

type EventFields = { eventId: string; eventType: string };
export type Delivery = SentDelivery<EventFields>;

interface Options {
  url: string;
  secret: string;
  retryPolicy: RetryPolicy;
  /** Lets the event's `pending_webhooks` drop to 0, as Stripe's does once delivered. */
  onDelivered: (eventId: string) => void;
  log: (line: string) => void;
}

/** Stripe's events on their way to the app, signed with `Stripe-Signature` and sent at least once. */
export class EventWebhooks extends WebhookSender<EventFields> {
  // The payload is fixed when the event is first sent: retries and resends carry the same bytes, like Stripe.
  private readonly eventPayloads = new WeakMap<StripeEvent, string>();

  constructor({ url, secret, retryPolicy, onDelivered, log }: Options) {
    super({
      url,
      retryPolicy,
      headers: (payload) => ({
        "content-type": "application/json; charset=utf-8",
        "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        "stripe-signature": signatureHeader(payload, secret),
      }),
      onAttempt: (delivery, attempt) => {
        if (delivery.state === "succeeded") onDelivered(delivery.eventId);
        const outcome = `${attempt.status ?? attempt.error} (${delivery.state})`;
        log(`webhook ${delivery.eventType} ${delivery.eventId} attempt ${delivery.attempts.length}: ${outcome}`);
      },
    });
  }

  /** Queues one delivery per copy; copies > 1 reproduce Stripe's at-least-once duplicates. */
  enqueue(event: StripeEvent, copies = 1): void {
    const payload = this.eventPayloads.get(event) ?? JSON.stringify(event, null, 2);
    this.eventPayloads.set(event, payload);
    for (let i = 0; i < copies; i++) {
      this.send(`whdel_${this.list().length + 1}`, payload, { eventId: event.id, eventType: event.type });
    }
  }
}
