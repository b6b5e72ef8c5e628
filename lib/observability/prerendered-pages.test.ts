import { describe, expect, it } from "vitest";
import { isPrerenderedPage } from "./prerendered-pages";

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
