import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DisputeStatus, OrderStatus } from "@/db/schema";
import { disputeStatusOf, mergePaymentState, type PaymentSnapshot, type PaymentState } from "./payment-state";

const initial: PaymentState = {
  status: "requires_payment",
  amountRefunded: 0,
  disputeStatus: null,
  stripeReadAt: null,
};

function snapshot(at: number, status: OrderStatus, extra: Partial<PaymentSnapshot> = {}): PaymentSnapshot {
  return {
    paymentIntentId: "pi_1",
    status,
    amount: 49_900,
    currency: "inr",
    amountRefunded: 0,
    dispute: null,
    orderId: null,
    userId: null,
    readAt: new Date(at),
    ...extra,
  };
}

const mergeAll = (snapshots: PaymentSnapshot[]) => snapshots.reduce(mergePaymentState, initial);

describe("mergePaymentState", () => {
  it("never moves a paid order back to processing", () => {
    const paid = mergeAll([snapshot(2, "succeeded")]);
    expect(mergePaymentState(paid, snapshot(3, "processing")).status).toBe("succeeded");
  });

  it("takes the later read among unfinished states, whichever arrives last", () => {
    const reads = [snapshot(1, "processing"), snapshot(2, "failed")];
    expect(mergeAll(reads).status).toBe("failed");
    expect(mergeAll([...reads].reverse()).status).toBe("failed");
  });

  it("keeps the largest refund and a full refund over a payment", () => {
    const reads = [
      snapshot(1, "succeeded", { amountRefunded: 10_000 }),
      snapshot(2, "refunded", { amountRefunded: 49_900 }),
    ];
    expect(mergeAll([...reads].reverse())).toMatchObject({ status: "refunded", amountRefunded: 49_900 });
  });

  it("moves a dispute from open to lost to won, never back", () => {
    const dispute = (at: number, status: DisputeStatus) => snapshot(at, "succeeded", { dispute: status });
    expect(mergeAll([dispute(2, "won"), dispute(1, "open")]).disputeStatus).toBe("won");
    expect(mergeAll([dispute(3, "lost"), dispute(2, "open")]).disputeStatus).toBe("lost");
    expect(mergeAll([dispute(4, "won"), dispute(3, "lost")]).disputeStatus).toBe("won");
    expect(mergeAll([dispute(2, "open"), snapshot(3, "succeeded")]).disputeStatus).toBe("open");
  });

  it("gives the same state for any order of the same reads", () => {
    const statuses: OrderStatus[] = ["requires_payment", "failed", "processing", "succeeded", "refunded"];
    const disputes: (DisputeStatus | null)[] = [null, "open", "lost", "won"];
    const read = fc
      .record({
        at: fc.integer({ min: 0, max: 1_000_000 }),
        status: fc.constantFrom(...statuses),
        dispute: fc.constantFrom(...disputes),
        amountRefunded: fc.integer({ min: 0, max: 49_900 }),
      })
      .map(({ at, status, ...extra }) => snapshot(at, status, extra));
    const reads = fc.uniqueArray(read, { minLength: 1, maxLength: 8, selector: (entry) => entry.readAt.getTime() });
    fc.assert(
      fc.property(reads, fc.infiniteStream(fc.nat()), (snapshots, keys) => {
        const shuffled = snapshots.map((entry) => ({ entry, key: keys.next().value as number }));
        shuffled.sort((a, b) => a.key - b.key);
        expect(mergeAll(shuffled.map(({ entry }) => entry))).toEqual(mergeAll(snapshots));
      }),
    );
  });
});

describe("disputeStatusOf", () => {
  it.each([
    ["needs_response", "open"],
    ["under_review", "open"],
    ["warning_needs_response", "open"],
    ["warning_closed", "won"],
    ["won", "won"],
    ["lost", "lost"],
    ["appeal_under_review", "lost"],
  ] as const)("%s is %s", (status, expected) => {
    expect(disputeStatusOf(status)).toBe(expected);
  });
});
