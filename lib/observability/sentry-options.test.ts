import { describe, expect, it } from "vitest";
import { isUntracedRequest, tracesSampleRate } from "./sentry-options";

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

describe("isUntracedRequest", () => {
  it("skips the prerendered landing page, with or without a query", () => {
    expect(isUntracedRequest("/")).toBe(true);
    expect(isUntracedRequest("/?_rsc=1a2b")).toBe(true);
    expect(isUntracedRequest("/#pricing")).toBe(true);
  });

  it("traces every page and route that runs code", () => {
    expect(isUntracedRequest("/tasks")).toBe(false);
    expect(isUntracedRequest("/api/webhooks/stripe")).toBe(false);
    expect(isUntracedRequest("/sign-in?redirect_url=%2F")).toBe(false);
  });
});
