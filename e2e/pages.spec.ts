import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { createUser, signInWithCookies } from "./support/clerk";
import {
  expectInsideViewport,
  expectNoSidewaysScroll,
  phoneWidths,
  seriousAxeViolations,
  userMenuButton,
} from "./support/layout";
import { payWithCard } from "./support/stripe";
import { addTask, createForm, openMoreOptions, taskList } from "./support/tasks";

// Runs in the desktop project and in both phone projects: every page, in each state the issue names,
// fits the screen with the user menu on it, and passes axe. Phones are checked at 320, 375 and 390 px
// as well as at their own width.

// Each test checks several pages at four widths, with axe on each.
test.describe.configure({ timeout: 90_000 });

/** A title with no place to break: it must wrap inside its row, not widen the page. */
const unbrokenTitle = `Renew${"-abcdefghij".repeat(10)}`;
const today = () => new Date().toISOString().slice(0, 10);

async function expectPageFits(page: Page, { isMobile, signedIn }: { isMobile: boolean; signedIn: boolean }) {
  const own = page.viewportSize() as NonNullable<ReturnType<Page["viewportSize"]>>;
  const widths = isMobile ? [...new Set([...phoneWidths, own.width])] : [own.width];
  if (signedIn) await expect(userMenuButton(page)).toBeVisible();
  // The header is at the top of the page: an open editor may have scrolled it away.
  await page.evaluate(() => window.scrollTo(0, 0));
  for (const width of widths) {
    await page.setViewportSize({ width, height: own.height });
    await expectNoSidewaysScroll(page);
    if (signedIn) await expectInsideViewport(userMenuButton(page));
  }
  await page.setViewportSize(own);
  expect(await seriousAxeViolations(page)).toEqual([]);
}

test("the landing page and sign-in fit the screen and pass axe", async ({ page, isMobile }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectPageFits(page, { isMobile, signedIn: false });

  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in to Taskpilot" })).toBeVisible();
  await expectPageFits(page, { isMobile, signedIn: false });
});

test.describe("signed in", () => {
  test.beforeEach(async ({ context, baseURL }) => {
    await signInWithCookies(context, baseURL as string, (await createUser("Fitter", "Tester", "operator")).id);
  });

  test("/tasks fits empty, full, with a long unbroken title, while selecting and while editing", async ({
    page,
    isMobile,
  }) => {
    test.setTimeout(120_000);
    await page.goto("/tasks");
    await expect(page.getByRole("heading", { name: "Nothing on your list yet" })).toBeVisible();
    await expectPageFits(page, { isMobile, signedIn: true });

    await addTask(page, "Call the bank", { priority: "High", dueDate: today(), notes: "Ask about the fees" });
    await addTask(page, "Overdue invoice", { dueDate: "2020-01-01" });
    await addTask(page, unbrokenTitle, { notes: unbrokenTitle });
    for (const title of ["Book the venue", "Water the plants", "Renew the domain"]) await addTask(page, title);
    await page.getByRole("checkbox", { name: "Complete “Water the plants”" }).click();
    await expect(page.getByRole("checkbox", { name: "Complete “Water the plants”" })).toBeChecked();

    // Full: five rows and the pagination links.
    await page.goto("/tasks?limit=5");
    await expect(taskList(page)).toHaveCount(5);
    await expect(page.getByRole("link", { name: "Next page →" })).toBeVisible();
    await expectPageFits(page, { isMobile, signedIn: true });

    await page.goto("/tasks");
    await expect(taskList(page)).toHaveCount(6);
    await page.getByRole("checkbox", { name: `Select “${unbrokenTitle}”` }).check();
    await expect(page.getByRole("button", { name: "Mark selected complete" })).toBeVisible();
    await openMoreOptions(page);
    await page.getByRole("button", { name: `Edit “${unbrokenTitle}”` }).click();
    await expect(page.getByRole("form", { name: `Edit “${unbrokenTitle}”` })).toBeVisible();
    await expect(createForm(page).getByLabel("Notes")).toBeVisible();
    await expectPageFits(page, { isMobile, signedIn: true });
  });

  test("/billing fits before, during and after a payment", async ({ page, isMobile }) => {
    await page.goto("/billing");
    await expect(page.getByTestId("current-plan")).toHaveText("Free");
    await expectPageFits(page, { isMobile, signedIn: true });

    await page.getByRole("button", { name: /Buy Pro/ }).click();
    await expect(page.getByLabel("Card number")).toBeVisible();
    await expectPageFits(page, { isMobile, signedIn: true });

    await page.goto("/billing");
    await payWithCard(page, "4242 4242 4242 4242");
    await expect(page.getByText("Payment received — welcome to Pro!")).toBeVisible();
    await expect(page.getByRole("table", { name: "Order history" })).toContainText("Paid");
    await expectPageFits(page, { isMobile, signedIn: true });
  });

  test("/status and the not-found page fit", async ({ page, isMobile }) => {
    await page.goto("/tasks");
    await page.goto("/status");
    await expect(page.getByRole("table", { name: "Database latency distribution" })).toBeAttached();
    await expectPageFits(page, { isMobile, signedIn: true });

    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expectPageFits(page, { isMobile, signedIn: false });
  });
});
