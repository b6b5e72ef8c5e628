import { signatureHeader } from "./webhook-signature";
import type { StripeEvent } from "./types";

/**
 * Sends events to the app's webhook endpoint the way Stripe does: signed JSON POSTs, any 2xx is success,
 * anything else (or no answer) is retried with exponential backoff, up to a bounded number of attempts.
 * Deliveries can be held and released in a chosen order, so tests can reproduce out-of-order arrival.
 */

export interface RetryPolicy {
  /** Delay before the 2nd attempt; each later one doubles it. Stripe live waits hours; tests want ms. */
  baseDelayMs: number;
  maxAttempts: number;
  timeoutMs: number;
}

export interface DeliveryAttempt {
  at: string;
  durationMs: number;
  status?: number;
  error?: string;
}

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  state: "held" | "pending" | "succeeded" | "failed";
  attempts: DeliveryAttempt[];
  nextAttemptAt: string | null;
}

interface Options {
  url: string;
  secret: string;
  retryPolicy: RetryPolicy;
  /** Lets the event's `pending_webhooks` drop to 0, as Stripe's does once delivered. */
  onDelivered: (eventId: string) => void;
  log: (line: string) => void;
}

export class WebhookDispatcher {
  private readonly deliveries: Delivery[] = [];
  private readonly payloads = new Map<string, string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private holding = false;
  // Bumped by reset(), so attempts that were under way when it happened leave no trace.
  private generation = 0;
  private idleWaiters: (() => void)[] = [];
  private retryPolicy: RetryPolicy;

  constructor(private readonly options: Options) {
    this.retryPolicy = options.retryPolicy;
  }

  /** Queues one delivery per copy; copies > 1 reproduce Stripe's at-least-once duplicates. */
  enqueue(event: StripeEvent, copies = 1): void {
    // The payload is fixed when the event is created; retries resend the same bytes, like Stripe.
    if (!this.payloads.has(event.id)) this.payloads.set(event.id, JSON.stringify(event, null, 2));
    for (let i = 0; i < copies; i++) {
      const delivery: Delivery = {
        id: `whdel_${this.deliveries.length + 1}`,
        eventId: event.id,
        eventType: event.type,
        state: this.holding ? "held" : "pending",
        attempts: [],
        nextAttemptAt: null,
      };
      this.deliveries.push(delivery);
      if (!this.holding) void this.attempt(delivery);
    }
  }

  hold(): void {
    this.holding = true;
  }

  /**
   * Sends held deliveries one after another (each first attempt finishes before the next starts), in
   * creation order, reversed, or in the order of the given event ids. Stops holding unless told otherwise.
   */
  async release(options: {
    order: "created" | "reversed";
    eventIds?: string[];
    keepHolding: boolean;
  }): Promise<Delivery[]> {
    const held = this.deliveries.filter((delivery) => delivery.state === "held");
    let chosen: Delivery[];
    if (options.eventIds) {
      chosen = options.eventIds.flatMap((id) => held.filter((delivery) => delivery.eventId === id));
    } else {
      chosen = options.order === "reversed" ? held.reverse() : held;
    }
    this.holding = options.keepHolding;
    for (const delivery of chosen) {
      delivery.state = "pending";
      await this.attempt(delivery);
    }
    return chosen;
  }

  list(filter: { eventId?: string; eventType?: string } = {}): Delivery[] {
    return this.deliveries.filter(
      (delivery) =>
        (!filter.eventId || delivery.eventId === filter.eventId) &&
        (!filter.eventType || delivery.eventType === filter.eventType),
    );
  }

  setRetryPolicy(policy: Partial<RetryPolicy>): RetryPolicy {
    this.retryPolicy = { ...this.retryPolicy, ...policy };
    return this.retryPolicy;
  }

  /** Resolves once no attempt is under way and no retry is scheduled (held deliveries do not count). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  reset(): void {
    this.generation++;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.deliveries.length = 0;
    this.payloads.clear();
    this.holding = false;
    this.inFlight = 0;
    this.notifyIdle();
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const payload = this.payloads.get(delivery.eventId);
    if (payload === undefined) return;
    const generation = this.generation;
    this.inFlight++;
    delivery.nextAttemptAt = null;
    const started = Date.now();
    const record: DeliveryAttempt = { at: new Date(started).toISOString(), durationMs: 0 };
    try {
      const response = await fetch(this.options.url, {
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "stripe-signature": signatureHeader(payload, this.options.secret),
        },
        body: payload,
        redirect: "manual",
        signal: AbortSignal.timeout(this.retryPolicy.timeoutMs),
      });
      await response.arrayBuffer();
      record.status = response.status;
    } catch (error) {
      record.error =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    }
    if (generation !== this.generation) return;
    this.inFlight--;
    record.durationMs = Date.now() - started;
    delivery.attempts.push(record);
    this.settle(delivery, record);
    this.notifyIdle();
  }

  private settle(delivery: Delivery, record: DeliveryAttempt): void {
    const ok = record.status !== undefined && record.status >= 200 && record.status < 300;
    const outcome = record.status ?? record.error;
    const count = delivery.attempts.length;
    if (ok) {
      delivery.state = "succeeded";
      this.options.onDelivered(delivery.eventId);
    } else if (count >= this.retryPolicy.maxAttempts) {
      delivery.state = "failed";
    } else {
      const delay = this.retryPolicy.baseDelayMs * 2 ** (count - 1);
      delivery.nextAttemptAt = new Date(Date.now() + delay).toISOString();
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.attempt(delivery);
      }, delay);
      this.timers.add(timer);
    }
    this.options.log(
      `webhook ${delivery.eventType} ${delivery.eventId} attempt ${count}: ${outcome} (${delivery.state})`,
    );
  }

  private isIdle(): boolean {
    return this.inFlight === 0 && this.timers.size === 0;
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
