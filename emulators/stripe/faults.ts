import { z } from "zod";

/**
 * Failures a test can ask for, so the app's retry and idempotency paths can be exercised on demand.
 * Injected errors and dropped connections happen in front of the API ("the network"), so a request that
 * was never processed is not saved under its idempotency key, except `dropNext.when: "afterProcessing"`,
 * which processes the request and then loses the answer: the retry must be replayed, not run twice.
 */

const retriableStatus = z
  .int()
  .refine((status) => status === 409 || status === 429 || (status >= 500 && status <= 599), {
    error: "expected 409, 429 or 5xx",
  });

export const faultsInput = z.strictObject({
  failNext: z
    .strictObject({
      count: z.int().min(0).max(1000),
      status: retriableStatus.default(500),
      /** Sent as `Stripe-Should-Retry`, which the SDKs obey over their own rules. */
      shouldRetry: z.boolean().optional(),
    })
    .optional(),
  latencyMs: z.int().min(0).max(120_000).optional(),
  dropNext: z
    .strictObject({
      count: z.int().min(0).max(1000),
      when: z.enum(["beforeProcessing", "afterProcessing"]).default("beforeProcessing"),
    })
    .optional(),
  /** The next N events are each delivered twice (two deliveries of the same event id). */
  duplicateNextEvents: z.int().min(0).max(1000).optional(),
});
export type FaultsInput = z.infer<typeof faultsInput>;

export interface FaultState {
  failNext: { count: number; status: number; shouldRetry?: boolean };
  latencyMs: number;
  dropNext: { count: number; when: "beforeProcessing" | "afterProcessing" };
  duplicateNextEvents: number;
}

const initialState = (): FaultState => ({
  failNext: { count: 0, status: 500 },
  latencyMs: 0,
  dropNext: { count: 0, when: "beforeProcessing" },
  duplicateNextEvents: 0,
});

export class Faults {
  private state = initialState();

  /** Only the given settings change; the others keep their current value. */
  apply(input: FaultsInput): FaultState {
    this.state = { ...this.state, ...input };
    return this.snapshot();
  }

  snapshot(): FaultState {
    return structuredClone(this.state);
  }

  clear(): void {
    this.state = initialState();
  }

  get latencyMs(): number {
    return this.state.latencyMs;
  }

  takeFailure(): { status: number; shouldRetry?: boolean } | undefined {
    const { failNext } = this.state;
    if (failNext.count === 0) return undefined;
    failNext.count--;
    return { status: failNext.status, shouldRetry: failNext.shouldRetry };
  }

  takeDrop(phase: FaultState["dropNext"]["when"]): boolean {
    const { dropNext } = this.state;
    if (dropNext.count === 0 || dropNext.when !== phase) return false;
    dropNext.count--;
    return true;
  }

  takeDuplicate(): boolean {
    if (this.state.duplicateNextEvents === 0) return false;
    this.state.duplicateNextEvents--;
    return true;
  }
}
