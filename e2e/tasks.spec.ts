import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/fixtures";
import { createUser, signInWithCookies } from "./support/clerk";
import { addTask, openMoreOptions, taskList } from "./support/tasks";

// Every test signs in as a brand-new user, so no test sees another's tasks. Free accounts keep at
// most 25 open tasks, so only the plan-limit test goes past that.

test.beforeEach(async ({ context, baseURL }) => {
  const user = await createUser("Tasker");
  await signInWithCookies(context, baseURL as string, user.id);
});

const today = () => new Date().toISOString().slice(0, 10);
test("create, edit, complete, and delete with undo", async ({ page }) => {
  await page.goto("/tasks");
  await expect(page.getByRole("heading", { name: "Nothing on your list yet" })).toBeVisible();

  await addTask(page, "Buy milk", { priority: "High", dueDate: today(), notes: "Oat, not dairy" });
  await expect(taskList(page)).toHaveCount(1);
  await expect(taskList(page).first()).toContainText("Buy milk");
  await expect(taskList(page).first()).toContainText("Due Today");
  await expect(page.getByText("1 of 25 open tasks")).toBeVisible();

  await page.getByRole("button", { name: "Edit “Buy milk”" }).click();
  const editor = page.getByRole("form", { name: "Edit “Buy milk”" });
  await editor.getByLabel("Title").fill("Buy oat milk");
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(taskList(page).first()).toContainText("Buy oat milk");

  const done = page.getByRole("checkbox", { name: "Complete “Buy oat milk”" });
  await done.click();
  await expect(done).toHaveAttribute("aria-checked", "true");
  await expect(page.getByText("0 of 25 open tasks")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Complete “Buy oat milk”" })).toHaveAttribute("aria-checked", "true");

  await page.getByRole("button", { name: "Delete “Buy oat milk”" }).click();
  await expect(page.getByText("Deleted “Buy oat milk”.")).toBeVisible();
  await expect(taskList(page)).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Restored “Buy oat milk”.")).toBeVisible();
  await expect(taskList(page)).toHaveCount(1);
  await page.reload();
  await expect(taskList(page).first()).toContainText("Buy oat milk");
});

test("a validation error appears next to its field and the input is kept", async ({ page }) => {
  await page.goto("/tasks");
  const form = page.getByRole("region", { name: "Add a task" });
  await openMoreOptions(page);
  await form.getByLabel("Title").fill("   ");
  await form.getByLabel("Notes").fill("Notes I do not want to type again");
  await form.getByRole("button", { name: "Add task" }).click();

  const title = form.getByLabel("Title");
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title).toHaveAccessibleDescription("Enter a title.");
  await expect(title).toBeFocused();
  await expect(form.getByLabel("Notes")).toHaveValue("Notes I do not want to type again");
  await expect(form.getByRole("status")).toHaveText("Please fix the highlighted fields.");
  await expect(taskList(page)).toHaveCount(0);
});

test("search, filters and pages live in the URL", async ({ page }) => {
  await page.goto("/tasks");
  const titles = [
    "Draft quarterly report",
    "Review report figures",
    "Send invoice to Acme",
    "Book offsite venue",
    "Call the bank",
    "Renew domain",
    "Water the plants",
  ];
  for (const title of titles) await addTask(page, title, title.includes("invoice") ? { dueDate: today() } : {});
  await page.getByRole("checkbox", { name: "Complete “Call the bank”" }).click();
  await expect(page.getByRole("checkbox", { name: "Complete “Call the bank”" })).toHaveAttribute(
    "aria-checked",
    "true",
  );

  // Five per page: newest first, then the next page, and back again with the browser.
  await page.goto("/tasks?limit=5");
  await expect(taskList(page)).toHaveCount(5);
  await expect(taskList(page).first()).toContainText("Water the plants");
  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(taskList(page)).toHaveCount(2);
  await expect(taskList(page).last()).toContainText("Draft quarterly report");
  await page.goBack();
  await expect(taskList(page)).toHaveCount(5);

  // A prefix of the last word is enough.
  await page.getByRole("searchbox", { name: "Search tasks" }).fill("repo");
  await page.getByRole("searchbox", { name: "Search tasks" }).press("Enter");
  await expect(page).toHaveURL(/q=repo/);
  await expect(taskList(page)).toHaveCount(2);

  await page.goto("/tasks");
  await page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: "Done" }).click();
  await expect(page).toHaveURL(/status=done/);
  await expect(taskList(page)).toHaveCount(1);
  await expect(taskList(page).first()).toContainText("Call the bank");

  await page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: "All" }).click();
  await expect(page).not.toHaveURL(/status=/);
  await expect(taskList(page)).toHaveCount(titles.length);
  await page.getByLabel("Due date filter").selectOption({ label: "Due today" });
  await expect(page).toHaveURL(/due=today/);
  await expect(taskList(page)).toHaveCount(1);
  await expect(taskList(page).first()).toContainText("Send invoice to Acme");

  await page.getByRole("searchbox", { name: "Search tasks" }).fill("zebra");
  await page.getByRole("searchbox", { name: "Search tasks" }).press("Enter");
  await expect(page.getByRole("heading", { name: "No tasks match this view" })).toBeVisible();

  // A mangled URL is a user's mistake, not a server error: it falls back to defaults.
  const response = await page.goto("/tasks?status=bogus&sort=%00&limit=-4&cursor=not-a-cursor&due[]=x");
  expect(response?.status()).toBe(200);
  await expect(taskList(page)).toHaveCount(titles.length);
});

test("at the Free plan's limit, adding a task shows an upgrade prompt and keeps the input", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/tasks");
  for (let index = 1; index <= 25; index += 1) await addTask(page, `Task number ${index}`);
  await expect(page.getByText("25 of 25 open tasks")).toBeVisible();

  const form = page.getByRole("region", { name: "Add a task" });
  await form.getByLabel("Title").fill("The twenty-sixth");
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByText("You’ve reached the Free plan’s 25 open tasks")).toBeVisible();
  await expect(page.getByRole("link", { name: "Upgrade to Pro" })).toHaveAttribute("href", "/billing");
  await expect(form.getByLabel("Title")).toHaveValue("The twenty-sixth");

  // Completing a task makes room again.
  await page.getByRole("checkbox", { name: "Complete “Task number 25”" }).click();
  await expect(page.getByText("24 of 25 open tasks")).toBeVisible();
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(form.getByRole("status")).toHaveText("Task added.");
});

test("the tasks page has no serious or critical accessibility violations", async ({ page }) => {
  await page.goto("/tasks");
  await addTask(page, "Check contrast", { priority: "High", dueDate: today() });
  await addTask(page, "Overdue thing", { dueDate: "2020-01-01" });
  await taskList(page)
    .first()
    .getByRole("checkbox", { name: /Select/ })
    .check();
  // Clerk's <UserButton showName> labels its button "Open user menu" while it shows the user's name
  // (axe: label-content-name-mismatch). That markup is Clerk's, so only that one element is left out.
  const results = await new AxeBuilder({ page }).exclude(".cl-userButtonTrigger").analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  expect(
    serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
  ).toEqual([]);
});

test("a link whose page is still on its way shows it until the page arrives", async ({ page }) => {
  await page.goto("/tasks");
  // Clicking a link fetches the next page's payload (an RSC request); hold that one, not prefetches.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === "/billing",
    async (route) => {
      const headers = route.request().headers();
      if (headers.rsc === "1" && !headers["next-router-prefetch"]) await held;
      await route.continue();
    },
  );
  const billing = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Billing" });
  const indicator = billing.locator(".link-pending");
  await expect(indicator).not.toHaveAttribute("data-pending");
  await billing.click();
  await expect(indicator).toHaveAttribute("data-pending", "true");
  await expect(page.getByRole("heading", { name: "Tasks", level: 1 })).toBeVisible();
  release();
  await expect(page.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/billing$/);
  await expect(page.getByRole("navigation", { name: "Main" }).locator(".link-pending[data-pending]")).toHaveCount(0);
});
