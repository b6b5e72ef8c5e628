import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, type TaskCursor } from "./cursor";
import { taskSorts } from "./list-view";

const micros = fc
  .date({ min: new Date("1970-01-01"), max: new Date("9999-12-31"), noInvalidDate: true })
  .chain((date) =>
    fc
      .integer({ min: 0, max: 999 })
      .map((extra) => `${date.toISOString().slice(0, 23)}${String(extra).padStart(3, "0")}Z`),
  );
const cursor: fc.Arbitrary<TaskCursor> = fc.oneof(
  fc.record({ sort: fc.constant("newest" as const), createdAt: micros, id: fc.uuid() }),
  fc.record({
    sort: fc.constant("due" as const),
    dueDate: fc.option(
      micros.map((stamp) => stamp.slice(0, 10)),
      { nil: null },
    ),
    id: fc.uuid(),
  }),
  fc.record({
    sort: fc.constant("priority" as const),
    priority: fc.constantFrom("low" as const, "medium" as const, "high" as const),
    createdAt: micros,
    id: fc.uuid(),
  }),
);

describe("task cursors", () => {
  it("round-trip through an opaque URL-safe string", () => {
    fc.assert(
      fc.property(cursor, (value) => {
        const encoded = encodeCursor(value);
        expect(encoded).toMatch(/^[\w-]+$/);
        expect(decodeCursor(encoded, value.sort)).toEqual(value);
      }),
    );
  });

  it("are refused for another sort order", () => {
    const encoded = encodeCursor({ sort: "due", dueDate: null, id: "5b0c8f2e-7f7e-4c4e-9c39-2f1f3c0f8a11" });
    expect(decodeCursor(encoded, "newest")).toBeNull();
    expect(decodeCursor(encoded, "due")).not.toBeNull();
  });

  it("decode anything else to null, never throwing", () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const samples = [
      "",
      "not base64!",
      "x".repeat(600),
      forged({ sort: "newest", createdAt: "yesterday", id: "5b0c8f2e-7f7e-4c4e-9c39-2f1f3c0f8a11" }),
      forged({ sort: "newest", createdAt: "0000-01-01T00:00:00.000000Z", id: "5b0c8f2e-7f7e-4c4e-9c39-2f1f3c0f8a11" }),
      forged({ sort: "due", dueDate: "2026-02-30", id: "5b0c8f2e-7f7e-4c4e-9c39-2f1f3c0f8a11" }),
      forged({
        sort: "priority",
        priority: "urgent",
        createdAt: "2026-01-01T00:00:00.000000Z",
        id: "5b0c8f2e-7f7e-4c4e-9c39-2f1f3c0f8a11",
      }),
      forged({ sort: "newest", createdAt: "2026-01-01T00:00:00.000000Z", id: "1 or 1=1" }),
      forged(null),
    ];
    for (const sample of samples) for (const sort of taskSorts) expect(decodeCursor(sample, sort)).toBeNull();
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...taskSorts), (text, sort) => {
        expect(decodeCursor(text, sort)).toBeNull();
      }),
    );
  });
});
