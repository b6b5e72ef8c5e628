import { expect, test } from "./support/fixtures";
import { createUser, mintSession, plantSessionToken, type TokenVariant } from "./support/clerk";

test.describe("signing in and out", () => {
  test("a signed-out visit to /tasks lands on sign-in", async ({ page }) => {
    await page.goto("/tasks");
    await expect(page).toHaveURL(/\/clerk-fapi\/sign-in\?redirect_url=/);
    await expect(page.getByRole("heading", { name: "Sign in to Taskpilot" })).toBeVisible();
  });

  test("signing in returns to /tasks with the user's name; reload keeps the session; sign-out ends it", async ({
    page,
  }) => {
    const user = await createUser("Ada", "Lovelace");
    await page.goto("/tasks");
    await page.getByRole("button", { name: user.email }).click();
    await expect(page).toHaveURL("/tasks");
    const userButton = page.getByRole("button", { name: /open user menu/i });
    await expect(page.getByText(user.name)).toBeVisible();

    await page.reload();
    await expect(page).toHaveURL("/tasks");
    await expect(page.getByText(user.name)).toBeVisible();

    await userButton.click();
    await page.getByRole("dialog", { name: "Account panel" }).getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL("/");
    await page.goto("/tasks");
    await expect(page).toHaveURL(/\/clerk-fapi\/sign-in/);
  });

  test("redirect_url to another site does not leave Taskpilot", async ({ page, baseURL }) => {
    const user = await createUser("Grace", "Hopper");
    await page.goto("/sign-in?redirect_url=https://evil.example/steal");
    await page.getByRole("button", { name: user.email }).click();
    await expect(page).toHaveURL("/tasks");
    expect(new URL(page.url()).origin).toBe(baseURL);
  });
});

test.describe("session tokens", () => {
  for (const variant of ["expired", "wrong-key", "wrong-azp", "future-nbf"] satisfies TokenVariant[]) {
    test(`a ${variant} token is treated as signed out`, async ({ page, context, request, baseURL }) => {
      const user = await createUser("Mallory");
      const { token } = await mintSession(user.id, variant);
      const api = await request.get("/api/me", { headers: { authorization: `Bearer ${token}` } });
      expect(api.status()).toBe(401);
      expect(await api.json()).toMatchObject({ error: "unauthorized" });

      await plantSessionToken(context, baseURL as string, user.id, variant);
      await page.goto("/tasks");
      await expect(page).toHaveURL(/\/clerk-fapi\/sign-in/);
    });
  }

  test("a Bearer session token works on an API route", async ({ request }) => {
    const user = await createUser("Bearer");
    const { token } = await mintSession(user.id);
    const response = await request.get("/api/me", { headers: { authorization: `Bearer ${token}` } });
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ id: user.id, name: user.name, plan: "free" });
  });

  test("an API call without a session gets 401 JSON", async ({ request }) => {
    const response = await request.get("/api/me");
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthorized", message: "Sign in to use this API." });
  });
});
