/**
 * Sends webhooks the way Clerk (through Svix) and Stripe do: one signed JSON POST per attempt, where any
 * 2xx is success and anything else (a redirect, an error, no answer in time) is retried with exponential
 * backoff up to a bounded number of attempts. Each emulator signs in its own way through `headers`, called
 * for every attempt so signature timestamps stay fresh. Deliveries can be held and released in a chosen
 * order, so tests can reproduce out-of-order arrival.
 */

export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxAttempts: number;
  /** Delay before the second attempt; each later one waits twice as long. The real services wait hours. */
  baseDelayMs: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
}

/** `base` with `overrides` on top; an undefined override (an unset option) keeps the base value. */
export function retryPolicy(base: RetryPolicy, overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return { ...base, ...Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) };
}

export interface DeliveryAttempt {
  at: string;
  durationMs: number;
  status?: number;
  error?: string;
}

/** One event on its way to one endpoint, with each emulator's own fields (event id, type…) first. */
export type Delivery<Fields extends object> = Fields & {
  id: string;
  state: "held" | "pending" | "succeeded" | "failed";
  attempts: DeliveryAttempt[];
  nextAttemptAt: string | null;
};

export interface WebhookSenderOptions<Fields extends object> {
  url: string;
  retryPolicy: RetryPolicy;
  /** The headers of one attempt: content type and signature. */
  headers: (payload: string, delivery: Delivery<Fields>) => Record<string, string>;
  /** How many deliveries the log keeps, the oldest going first; all when unset. */
  keep?: number;
  /** Called after every attempt, once the delivery's state reflects it. */
  onAttempt?: (delivery: Delivery<Fields>, attempt: DeliveryAttempt) => void;
}

export class WebhookSender<Fields extends object> {
  private readonly deliveries: Delivery<Fields>[] = [];
  private readonly payloads = new WeakMap<Delivery<Fields>, string>();
  private readonly settlers = new Map<Delivery<Fields>, () => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];
  private inFlight = 0;
  private holding = false;
  // Bumped by reset(), so attempts under way when it happened leave no trace.
  private generation = 0;
  private policy: RetryPolicy;

  constructor(private readonly options: WebhookSenderOptions<Fields>) {
    this.policy = options.retryPolicy;
  }

  get url(): string {
    return this.options.url;
  }

  /**
   * Queues `payload`, sent byte for byte on every attempt. `settled` resolves once the delivery has
   * succeeded or failed for good, or when reset() drops it.
   */
  send(
    id: string,
    payload: string,
    fields: Fields,
  ): { delivery: Delivery<Fields>; settled: Promise<Delivery<Fields>> } {
    const delivery = {
      id,
      ...fields,
      state: this.holding ? "held" : "pending",
      attempts: [],
      nextAttemptAt: null,
    } as Delivery<Fields>;
    this.deliveries.push(delivery);
    if (this.deliveries.length > (this.options.keep ?? Infinity)) this.deliveries.shift();
    this.payloads.set(delivery, payload);
    const settled = new Promise<Delivery<Fields>>((resolve) => this.settlers.set(delivery, () => resolve(delivery)));
    if (!this.holding) void this.attempt(delivery);
    return { delivery, settled };
  }

  hold(): void {
    this.holding = true;
  }

  /**
   * Sends the held deliveries that `choose` picks, in its order, one after another (each first attempt
   * finishes before the next starts). Stops holding unless told otherwise.
   */
  async release(
    choose: (held: Delivery<Fields>[]) => Delivery<Fields>[],
    keepHolding = false,
  ): Promise<Delivery<Fields>[]> {
    const chosen = choose(this.deliveries.filter((delivery) => delivery.state === "held"));
    this.holding = keepHolding;
    for (const delivery of chosen) {
      delivery.state = "pending";
      await this.attempt(delivery);
    }
    return chosen;
  }

  list(matches: (delivery: Delivery<Fields>) => boolean = () => true): Delivery<Fields>[] {
    return this.deliveries.filter(matches);
  }

  setRetryPolicy(overrides: Partial<RetryPolicy>): RetryPolicy {
    this.policy = retryPolicy(this.policy, overrides);
    return this.policy;
  }

  /** Resolves once no attempt is under way and no retry is scheduled (held deliveries do not count). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Forgets every delivery and cancels pending retries; their `settled` promises resolve as they are. */
  reset(): void {
    this.generation++;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const settle of this.settlers.values()) settle();
    this.settlers.clear();
    this.deliveries.length = 0;
    this.holding = false;
    this.inFlight = 0;
    this.notifyIdle();
  }

  private async attempt(delivery: Delivery<Fields>): Promise<void> {
    const payload = this.payloads.get(delivery) ?? "";
    const generation = this.generation;
    this.inFlight++;
    delivery.nextAttemptAt = null;
    const started = Date.now();
    const attempt: DeliveryAttempt = { at: new Date(started).toISOString(), durationMs: 0 };
    try {
      const response = await fetch(this.options.url, {
        method: "POST",
        headers: this.options.headers(payload, delivery),
        body: payload,
        // Neither Stripe nor Svix follows redirects: a 3xx is a failed attempt.
        redirect: "manual",
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      await response.arrayBuffer();
      attempt.status = response.status;
    } catch (error) {
      attempt.error =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    }
    if (generation !== this.generation) return;
    this.inFlight--;
    attempt.durationMs = Date.now() - started;
    delivery.attempts.push(attempt);
    this.settle(delivery, attempt);
    this.options.onAttempt?.(delivery, attempt);
    this.notifyIdle();
  }

  private settle(delivery: Delivery<Fields>, attempt: DeliveryAttempt): void {
    if (attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300) {
      return this.finish(delivery, "succeeded");
    }
    if (delivery.attempts.length >= this.policy.maxAttempts) return this.finish(delivery, "failed");
    const delay = this.policy.baseDelayMs * 2 ** (delivery.attempts.length - 1);
    delivery.nextAttemptAt = new Date(Date.now() + delay).toISOString();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery);
    }, delay);
    this.timers.add(timer);
  }

  private finish(delivery: Delivery<Fields>, state: "succeeded" | "failed"): void {
    delivery.state = state;
    this.settlers.get(delivery)?.();
    this.settlers.delete(delivery);
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
