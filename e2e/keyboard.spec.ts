import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { createUser, signInWithCookies } from "./support/clerk";
import { expectVisibleFocus, tabTo, userMenuButton } from "./support/layout";
import { createForm, taskList } from "./support/tasks";

// Every journey with page.keyboard alone: no click, fill or tap. tabTo() checks at every stop that the
// focus can be seen; after each action the test checks where the focus landed.

// Each journey adds its tasks by keyboard first, one key at a time.
test.describe.configure({ timeout: 60_000 });

test.beforeEach(async ({ context, baseURL }) => {
  await signInWithCookies(context, baseURL as string, (await createUser("Keys")).id);
});

/** Types each title into the create form's title field and presses Enter; the focus stays in the field. */
async function addByKeyboard(page: Page, titles: string[]) {
  const title = createForm(page).getByLabel("Title");
  await tabTo(title);
  for (const name of titles) {
    await page.keyboard.type(name);
    await page.keyboard.press("Enter");
    await expect(taskList(page).first()).toContainText(name);
    await expect(title).toHaveValue("");
    await expect(title).toBeFocused();
  }
}

test("add, edit, complete, and delete with undo", async ({ page }) => {
  await page.goto("/tasks");
  await addByKeyboard(page, ["Buy milk"]);
  await expect(createForm(page).getByRole("status")).toHaveText("Task added.");

  // The full form: More options, then the priority and the notes.
  const moreOptions = createForm(page).getByRole("button", { name: "More options" });
  await tabTo(moreOptions, { backwards: true });
  await page.keyboard.press("Enter");
  await expect(createForm(page).getByRole("button", { name: "Fewer options" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  await tabTo(createForm(page).getByLabel("Title"));
  await page.keyboard.type("Call the bank");
  await tabTo(createForm(page).getByLabel("Priority"));
  await page.keyboard.press("End");
  await expect(createForm(page).getByLabel("Priority")).toHaveValue("high");
  await tabTo(createForm(page).getByLabel("Notes"));
  await page.keyboard.type("Ask about the fees");
  await tabTo(createForm(page).getByRole("button", { name: "Add task" }));
  await page.keyboard.press("Enter");
  await expect(taskList(page).first()).toContainText("Call the bank");
  await expect(taskList(page).first()).toContainText("high");
  await expect(taskList(page).first()).toContainText("Ask about the fees");

  // Edit: the title takes the focus; saving (or Escape) puts it back on the row's Edit button.
  const edit = page.getByRole("button", { name: "Edit “Buy milk”" });
  await tabTo(edit);
  await page.keyboard.press("Enter");
  const editor = page.getByRole("form", { name: "Edit “Buy milk”" });
  await expect(editor.getByLabel("Title")).toBeFocused();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Buy oat milk");
  await page.keyboard.press("Enter");
  const edited = page.getByRole("button", { name: "Edit “Buy oat milk”" });
  await expect(edited).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("form", { name: "Edit “Buy oat milk”" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(edited).toBeFocused();

  // Complete: the toggle is a checkbox; Space flips it and the focus stays.
  const complete = page.getByRole("checkbox", { name: "Complete “Buy oat milk”" });
  await tabTo(complete, { backwards: true });
  await page.keyboard.press("Space");
  await expect(complete).toHaveAttribute("aria-checked", "true");
  await expect(complete).toBeFocused();
  await expect(page.getByText("1 of 25 open tasks")).toBeVisible();

  // Delete: the focus moves to Undo; undo brings the row back with the focus on its Delete button.
  await tabTo(page.getByRole("button", { name: "Delete “Buy oat milk”" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Deleted “Buy oat milk”.")).toBeVisible();
  await expect(taskList(page)).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Undo" })).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.press("Enter");
  await expect(page.getByText("Restored “Buy oat milk”.")).toBeVisible();
  await expect(taskList(page)).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Delete “Buy oat milk”" })).toBeFocused();
  await expectVisibleFocus(page);
});

test("select and bulk-complete", async ({ page }) => {
  await page.goto("/tasks");
  await addByKeyboard(page, ["One", "Two", "Three"]);

  await tabTo(page.getByRole("checkbox", { name: "Select “Two”" }));
  await page.keyboard.press("Space");
  await tabTo(page.getByRole("checkbox", { name: "Select “One”" }));
  await page.keyboard.press("Space");
  await expect(page.getByText("2 open selected")).toBeVisible();

  await tabTo(page.getByRole("button", { name: "Mark selected complete" }), { backwards: true });
  await page.keyboard.press("Enter");
  await expect(page.getByText("Completed 2 tasks.")).toBeVisible();
  for (const name of ["One", "Two"])
    await expect(page.getByRole("checkbox", { name: `Complete “${name}”` })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("checkbox", { name: "Complete “Three”" })).toHaveAttribute("aria-checked", "false");
  // The bulk buttons left with the selection; the focus waits on "Select all".
  await expect(page.getByRole("checkbox", { name: "Select all on this page" })).toBeFocused();
  await expectVisibleFocus(page);
});

test("search, filter and page through the list", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/tasks");
  const titles = ["Draft the report", "Review the report", "Send the invoice", "Book the venue", "Call the bank"];
  await addByKeyboard(page, [...titles, "Renew the domain", "Water the plants"]);
  await tabTo(page.getByRole("checkbox", { name: "Complete “Call the bank”" }));
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: "Complete “Call the bank”" })).toHaveAttribute(
    "aria-checked",
    "true",
  );

  // Search: Enter runs it, and the focus stays in the box for the next one.
  await page.goto("/tasks?limit=5");
  const search = page.getByRole("searchbox", { name: "Search tasks" });
  await tabTo(search);
  await page.keyboard.type("repo");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=repo/);
  await expect(taskList(page)).toHaveCount(2);
  await expect(search).toBeFocused();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/q=/);
  await expect(taskList(page)).toHaveCount(5);

  // Filters: a status link, then the due-date select with the arrow keys.
  const done = page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: "Done" });
  await tabTo(done);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/status=done/);
  await expect(taskList(page)).toHaveCount(1);
  await expect(taskList(page).first()).toContainText("Call the bank");
  const all = page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: "All" });
  await tabTo(all, { backwards: true });
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/status=/);
  await expect(taskList(page)).toHaveCount(5);
  const sort = page.getByLabel("Sort by");
  await tabTo(sort);
  await page.keyboard.press("End");
  await expect(page).toHaveURL(/sort=priority/);
  await expect(sort).toHaveValue("priority");

  // Pages: "Next page →" and back to "First page".
  await page.goto("/tasks?limit=5");
  await tabTo(page.getByRole("link", { name: "Next page →" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/cursor=/);
  await expect(taskList(page)).toHaveCount(2);
  await expect(taskList(page).last()).toContainText("Draft the report");
  await tabTo(page.getByRole("link", { name: "First page" }));
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/cursor=/);
  await expect(taskList(page).first()).toContainText("Water the plants");
});

test("buy Pro with the card form", async ({ page }) => {
  await page.goto("/billing");
  await tabTo(page.getByRole("button", { name: /Buy Pro for ₹499\.00/ }));
  await page.keyboard.press("Enter");
  // The button that opened the form is gone; the card number has the focus.
  const number = page.getByLabel("Card number");
  await expect(number).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.type("4242424242424242");
  await tabTo(page.getByLabel(/Expiration/));
  await page.keyboard.type("1234");
  await tabTo(page.getByLabel(/Security code/));
  await page.keyboard.type("123");
  await tabTo(page.getByRole("button", { name: "Pay ₹499.00" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Payment received — welcome to Pro!")).toBeVisible();
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
});

test("open the user menu and sign out", async ({ page }) => {
  await page.goto("/tasks");
  await tabTo(userMenuButton(page));
  await page.keyboard.press("Enter");
  const panel = page.getByRole("dialog", { name: "Account panel" });
  await expect(panel).toBeVisible();
  await tabTo(panel.getByRole("button", { name: "Sign out" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/");
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/clerk-fapi\/sign-in/);
});
