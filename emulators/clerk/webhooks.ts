import { randomUUID } from "node:crypto";
import { Webhook } from "svix";
import { INSTANCE_ID } from "./instance";

export const USER_EVENT_TYPES = ["user.created", "user.updated", "user.deleted"] as const;
export type UserEventType = (typeof USER_EVENT_TYPES)[number];

export interface RetryPolicy {
  /** Total attempts, including the first. */
  maxAttempts: number;
  /** Delay before the first retry; each later retry waits twice as long as the previous one. */
  baseDelayMs: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, timeoutMs: 10_000 };

export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
}

export interface Delivery {
  /** The svix-id header, shared by every attempt of this event so receivers can deduplicate. */
  id: string;
  type: UserEventType;
  objectId: string;
  url: string;
  status: "pending" | "delivered" | "failed";
  attempts: DeliveryAttempt[];
}

const MAX_KEPT_DELIVERIES = 200;

/** Sends Clerk-shaped, svix-signed events to the app and retries failures with exponential backoff. */
export class WebhookDispatcher {
  private readonly signer: Webhook;
  private readonly deliveries: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly waiters = new Map<string, () => void>();

  constructor(
    private readonly url: string,
    secret: string,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {
    this.signer = new Webhook(secret);
  }

  /** Queues an event; the promise settles with its final outcome (delivered, or failed after retries). */
  send(type: UserEventType, data: { id: string }): { delivery: Delivery; settled: Promise<Delivery> } {
    const delivery: Delivery = {
      id: `msg_${randomUUID().replace(/-/g, "")}`,
      type,
      objectId: data.id,
      url: this.url,
      status: "pending",
      attempts: [],
    };
    const body = JSON.stringify({
      data,
      object: "event",
      type,
      timestamp: Date.now(),
      instance_id: INSTANCE_ID,
      event_attributes: { http_request: { client_ip: "127.0.0.1", user_agent: "clerk-emulator" } },
    });
    this.deliveries.push(delivery);
    if (this.deliveries.length > MAX_KEPT_DELIVERIES) this.deliveries.shift();
    const settled = new Promise<Delivery>((resolve) => this.waiters.set(delivery.id, () => resolve(delivery)));
    void this.attempt(delivery, body);
    return { delivery, settled };
  }

  list(): Delivery[] {
    return [...this.deliveries];
  }

  /** Forgets history and cancels pending retries (their waiters settle as they are). */
  reset(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const settle of this.waiters.values()) settle();
    this.waiters.clear();
    this.deliveries.length = 0;
  }

  private async attempt(delivery: Delivery, body: string): Promise<void> {
    const attempt: DeliveryAttempt = { at: new Date().toISOString() };
    delivery.attempts.push(attempt);
    try {
      // Re-signed on every attempt: svix timestamps must be recent, but the svix-id stays the same.
      const timestamp = new Date();
      const response = await fetch(this.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "svix-id": delivery.id,
          "svix-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
          "svix-signature": this.signer.sign(delivery.id, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      attempt.status = response.status;
      await response.body?.cancel();
      if (response.ok) return this.finish(delivery, "delivered");
    } catch (error) {
      attempt.error =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    }
    if (!this.waiters.has(delivery.id)) return; // reset() happened mid-flight
    if (delivery.attempts.length >= this.policy.maxAttempts) return this.finish(delivery, "failed");
    const delay = this.policy.baseDelayMs * 2 ** (delivery.attempts.length - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery, body);
    }, delay);
    this.timers.add(timer);
  }

  private finish(delivery: Delivery, status: Delivery["status"]): void {
    delivery.status = status;
    this.waiters.get(delivery.id)?.();
    this.waiters.delete(delivery.id);
  }
}
