import { expect, test } from "./support/fixtures";
import { createUser, signInWithCookies } from "./support/clerk";

test("the landing page introduces the product and its pricing", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Taskpilot");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tasks that keep pace with you.");
  await expect(page.getByRole("heading", { name: "Simple pricing" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Get started" })).toBeVisible();
});

test("the landing page is prerendered, passes no proxy, and loads no Clerk code", async ({ page }) => {
  const requested: string[] = [];
  page.on("request", (request) => requested.push(request.url()));
  const response = await page.goto("/");
  // Next.js marks a prerendered page (the header comes twice); a dynamic render has none.
  expect(response?.headers()["x-nextjs-prerender"]).toMatch(/^1\b/);
  // The proxy stamps every request it handles with an id; a static page never reaches it.
  expect(response?.headers()["x-request-id"]).toBeUndefined();
  await page.waitForLoadState("networkidle");
  expect(requested.filter((url) => /clerk/i.test(url))).toEqual([]);
  await page.getByRole("link", { name: "Open your tasks" }).click();
  // The client router shows /sign-in first, then leaves for the hosted page with a full navigation: the
  // test waits for that page, since closing the browser mid-navigation can hang Chromium.
  await expect(page).toHaveURL(/\/clerk-fapi\/sign-in\?redirect_url=http%3A%2F%2F[^&]+%2Ftasks$/);
  await expect(page.getByRole("heading", { name: "Sign in to Taskpilot" })).toBeVisible();
});

test("an unknown address shows the not-found page with a way back", async ({ page, context, baseURL }) => {
  // Signed out, every unknown address is a protected one and leads to sign-in; signed in, it is a 404.
  await signInWithCookies(context, baseURL as string, (await createUser("Wanderer")).id);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the start" }).click();
  await expect(page).toHaveURL("/");
});

test("liveness and readiness answer JSON", async ({ request }) => {
  expect(await (await request.get("/api/health")).json()).toEqual({ status: "ok" });
  const ready = await request.get("/api/health/ready");
  expect(ready.status()).toBe(200);
  expect((await ready.json()).checks.database.status).toBe("ok");
});
