import type { APIResponse } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { createUser, mintSession, signInWithCookies } from "./support/clerk";

/**
 * Every response carries one Content-Security-Policy with no 'unsafe-inline' for scripts: the static landing
 * page's allows its scripts by hash, everything through the proxy by a per-request nonce.
 */
function expectContentSecurityPolicy(response: APIResponse, kind: "hashes" | "nonce") {
  const headers = response.headers();
  const policy = headers["content-security-policy"] ?? "";
  const scriptSrc = /(?:^|;\s*)script-src ([^;]*)/.exec(policy)?.[1]?.split(" ") ?? [];
  expect(scriptSrc, response.url()).not.toContain("'unsafe-inline'");
  if (kind === "hashes") {
    expect(scriptSrc.some((source) => source.startsWith("'sha256-"))).toBe(true);
    expect(scriptSrc.some((source) => source.startsWith("'nonce-"))).toBe(false);
  } else {
    expect(scriptSrc.filter((source) => source.startsWith("'nonce-"))).toHaveLength(1);
    expect(scriptSrc.some((source) => source.startsWith("'sha256-"))).toBe(false);
  }
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("report-uri /api/csp-report");
}

function expectSecurityHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["permissions-policy"]).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
  expect(headers["permissions-policy"]).toContain('payment=(self "https://js.stripe.com"');
  // The e2e app is served over plain http: HSTS would be meaningless there.
  expect(headers["strict-transport-security"]).toBeUndefined();
  expect(headers["x-powered-by"]).toBeUndefined();
  const internal = Object.keys(headers).filter((name) => /^x-clerk-auth-|^x-middleware-/.test(name));
  expect(internal).toEqual([]);
}

test("the static landing page, signed-in pages and APIs carry the security headers and no internal ones", async ({
  page,
  context,
  baseURL,
}) => {
  await signInWithCookies(context, baseURL as string, (await createUser("Hedy", "Headers")).id);
  for (const path of ["/", "/tasks", "/billing", "/api/health", "/api/me"]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expectSecurityHeaders(response);
    expectContentSecurityPolicy(response, path === "/" ? "hashes" : "nonce");
  }
});

test("refusals carry them too: a signed-out API call, a refused session, a redirect to sign-in", async ({
  playwright,
  baseURL,
}) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const signedOut = await anonymous.get("/api/me");
  expect(signedOut.status()).toBe(401);
  expectSecurityHeaders(signedOut);
  expectContentSecurityPolicy(signedOut, "nonce");

  const { token } = await mintSession((await createUser("Exa", "Expired")).id, "expired");
  const expired = await anonymous.get("/api/me", { headers: { authorization: `Bearer ${token}` } });
  expect(expired.status()).toBe(401);
  expectSecurityHeaders(expired);

  const redirect = await anonymous.get("/tasks", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectSecurityHeaders(redirect);
  expectContentSecurityPolicy(redirect, "nonce");
  await anonymous.dispose();
});
