import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { createUser, signInWithCookies } from "./support/clerk";
import { closeDispute, openDispute, payWithCard, refundFromDashboard } from "./support/stripe";
import { addTask } from "./support/tasks";

test.beforeEach(async ({ context, baseURL }) => {
  const user = await createUser("Buyer");
  await signInWithCookies(context, baseURL as string, user.id);
});

const currentPlan = (page: Page) => page.getByTestId("current-plan");

test("the full purchase: hit the free limit, buy Pro with 4242, return as Pro, add the 26th task", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/tasks");
  for (let index = 1; index <= 25; index += 1) await addTask(page, `Launch step ${index}`);
  const form = page.getByRole("region", { name: "Add a task" });
  await form.getByLabel("Title").fill("Step twenty-six");
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByText("You’ve reached the Free plan’s 25 open tasks")).toBeVisible();

  await page.getByRole("link", { name: "Upgrade to Pro" }).click();
  await expect(page).toHaveURL("/billing");
  await expect(currentPlan(page)).toHaveText("Free");
  await payWithCard(page, "4242 4242 4242 4242");

  await expect(page).toHaveURL(/\/billing\?payment_intent=pi_\w+.*redirect_status=succeeded/);
  await expect(page.getByText("Payment received — welcome to Pro!")).toBeVisible();
  await expect(currentPlan(page)).toHaveText("Pro");
  await expect(page.getByRole("table", { name: "Order history" })).toContainText("Paid");

  await page.goto("/tasks");
  await addTask(page, "Step twenty-six");
  await expect(page.getByText("You’ve reached the Free plan’s")).toHaveCount(0);
});

test("a declined card shows the error in place and the account stays Free", async ({ page }) => {
  await page.goto("/billing");
  await payWithCard(page, "4000 0000 0000 0002");
  await expect(page.getByRole("alert").filter({ hasText: /declined/i })).toBeVisible();
  await expect(page).toHaveURL("/billing");
  await page.reload();
  await expect(currentPlan(page)).toHaveText("Free");
});

test("a refund made through Stripe returns the account to Free", async ({ page }) => {
  await page.goto("/billing");
  await payWithCard(page, "4242 4242 4242 4242");
  await expect(currentPlan(page)).toHaveText("Pro");
  const paymentIntentId = new URL(page.url()).searchParams.get("payment_intent") as string;

  await refundFromDashboard(paymentIntentId);
  // The refund reaches Taskpilot only through Stripe's signed webhook.
  await expect(async () => {
    await page.goto("/billing");
    await expect(currentPlan(page)).toHaveText("Free", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("table", { name: "Order history" })).toContainText("Refunded");
});

test("a dispute pauses Pro, and winning it restores Pro", async ({ page }) => {
  await page.goto("/billing");
  await payWithCard(page, "4242 4242 4242 4242");
  await expect(currentPlan(page)).toHaveText("Pro");
  const paymentIntentId = new URL(page.url()).searchParams.get("payment_intent") as string;

  // The bank opens a dispute; Taskpilot hears of it only through Stripe's signed webhooks.
  const dispute = await openDispute(paymentIntentId);
  await expect(async () => {
    await page.goto("/billing");
    await expect(currentPlan(page)).toHaveText("Free", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("dispute-notice")).toContainText("paused while your bank reviews a dispute");
  await expect(page.getByRole("button", { name: /Buy Pro/ })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Order history" })).toContainText("Disputed");

  await closeDispute(dispute.id, "won");
  await expect(async () => {
    await page.goto("/billing");
    await expect(currentPlan(page)).toHaveText("Pro", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("table", { name: "Order history" })).toContainText("Dispute won");
});
