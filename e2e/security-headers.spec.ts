import { expect, test, type APIResponse } from "@playwright/test";
import { createUser, mintSession, signInWithCookies } from "./support/clerk";

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

  const { token } = await mintSession((await createUser("Exa", "Expired")).id, "expired");
  const expired = await anonymous.get("/api/me", { headers: { authorization: `Bearer ${token}` } });
  expect(expired.status()).toBe(401);
  expectSecurityHeaders(expired);

  const redirect = await anonymous.get("/tasks", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectSecurityHeaders(redirect);
  await anonymous.dispose();
});
