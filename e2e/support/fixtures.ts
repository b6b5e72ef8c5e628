import { test as base, expect } from "@playwright/test";

/** A `securitypolicyviolation` event as the page saw it. */
export interface CspViolation {
  documentURI: string;
  effectiveDirective: string;
  blockedURI: string;
  sample: string;
}

declare global {
  interface Window {
    reportCspViolationToPlaywright?: (violation: CspViolation) => void;
  }
}

/**
 * Playwright's `test`, watching every page of the test for Content-Security-Policy violations: the test
 * fails on any, since each page must work under its policy. A test that provokes one on purpose sets
 * `allowCspViolations` and reads them from `cspViolations`.
 */
export const test = base.extend<{ allowCspViolations: boolean; cspViolations: CspViolation[] }>({
  allowCspViolations: [false, { option: true }],
  cspViolations: [
    async ({ context, allowCspViolations }, use) => {
      const violations: CspViolation[] = [];
      await context.exposeFunction("reportCspViolationToPlaywright", (violation: CspViolation) => {
        violations.push(violation);
      });
      await context.addInitScript(() => {
        addEventListener("securitypolicyviolation", (event) => {
          const { documentURI, effectiveDirective, blockedURI, sample } = event;
          window.reportCspViolationToPlaywright?.({ documentURI, effectiveDirective, blockedURI, sample });
        });
      });
      await use(violations);
      if (!allowCspViolations) expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
