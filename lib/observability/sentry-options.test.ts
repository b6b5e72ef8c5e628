import { describe, expect, it } from "vitest";
import { isPrerenderedPage, tracesSampleRate } from "./sentry-options";

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

describe("isPrerenderedPage", () => {
  it("is true for the landing page, with or without a query or fragment", () => {
    expect(isPrerenderedPage("/")).toBe(true);
    expect(isPrerenderedPage("/?_rsc=1a2b")).toBe(true);
    expect(isPrerenderedPage("/#pricing")).toBe(true);
  });

  it("is false for every page and route that runs code", () => {
    expect(isPrerenderedPage("/tasks")).toBe(false);
    expect(isPrerenderedPage("/api/webhooks/stripe")).toBe(false);
    expect(isPrerenderedPage("/sign-in?redirect_url=%2F")).toBe(false);
  });
});
