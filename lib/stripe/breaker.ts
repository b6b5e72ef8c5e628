import type { IBreaker } from "cockatiel";

/**
 * Opens after `threshold` consecutive failed calls made for distinct callers. Each caller (a user, a
 * PaymentIntent) counts once per streak, so one customer retrying against a failing Stripe cannot open
 * the breaker for everyone; an outage fails everybody's calls and opens it. A success ends the streak.
 */
export class DistinctCallersBreaker implements IBreaker {
  private failedCallers = new Set<string>();

  constructor(
    private readonly threshold: number,
    private readonly currentCaller: () => string,
  ) {}

  get state(): unknown {
    return [...this.failedCallers];
  }

  set state(callers: unknown) {
    this.failedCallers = new Set(Array.isArray(callers) ? callers.map(String) : []);
  }

  success(): void {
    this.failedCallers.clear();
  }

  failure(): boolean {
    this.failedCallers.add(this.currentCaller());
    return this.failedCallers.size >= this.threshold;
  }
}
