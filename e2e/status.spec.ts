import { expect, test } from "./support/fixtures";
import { createUser, signInWithCookies } from "./support/clerk";

test("the status page shows each integration's health, read from live checks and metrics", async ({
  page,
  context,
  baseURL,
}) => {
  await signInWithCookies(context, baseURL as string, (await createUser("Olive", "Operator", "operator")).id);
  await page.goto("/tasks");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Status" }).click();
  await expect(page).toHaveURL(/\/status$/);
  await expect(page.getByRole("heading", { name: "Status" })).toBeVisible();
  for (const service of ["Database", "Stripe", "Clerk", "Sentry"]) {
    await expect(page.getByRole("heading", { name: service, exact: true })).toBeVisible();
  }
  await expect(page.getByTestId("database-health")).toHaveText("Healthy");
  await expect(page.getByTestId("stripe-health")).toHaveText("Healthy");
  await expect(page.getByTestId("sentry-health")).toHaveText("Healthy");
  await expect(page.getByText("Circuit breaker: closed (calls flow).")).toBeVisible();
  await expect(page.getByText(/Webhook backlog: \d+ unprocessed event/)).toBeVisible();
  // The database card counts the queries that served /tasks a moment ago.
  await expect(page.getByRole("region", { name: "Database" }).locator("dt:text-is('Calls') + dd")).toHaveText(
    /^[1-9]\d*$/,
  );
  await expect(page.getByRole("table", { name: "Database latency distribution" })).toBeAttached();
  await expect(page.getByRole("heading", { name: "Security events" })).toBeVisible();
});

test("a signed-in customer who is not an operator gets a 404 for /status and no Status link", async ({
  page,
  context,
  baseURL,
}) => {
  await signInWithCookies(context, baseURL as string, (await createUser("Casey", "Customer")).id);
  await page.goto("/tasks");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Tasks" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Status" })).toHaveCount(0);
  const response = await page.goto("/status");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Status" })).toHaveCount(0);
});
