import { describe, expect, it } from "vitest";
import { tracesSampleRate } from "./sentry-options";

describe("tracesSampleRate", () => {
  it("keeps every trace in development and a tenth elsewhere when none is configured", () => {
    expect(tracesSampleRate(undefined, "development")).toBe(1);
    expect(tracesSampleRate(undefined, "production")).toBe(0.1);
    expect(tracesSampleRate(undefined, "staging")).toBe(0.1);
  });

  it("uses a configured rate as is, zero included", () => {
    expect(tracesSampleRate(0, "development")).toBe(0);
    expect(tracesSampleRate(0.5, "production")).toBe(0.5);
  });
});
