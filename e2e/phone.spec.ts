import { expect, test } from "./support/fixtures";
import { createUser, signInWithCookies } from "./support/clerk";
import { expectInsideViewport, expectTouchTarget, expectVisibleFocus, tabTo, userMenuButton } from "./support/layout";
import { createForm, taskList } from "./support/tasks";

// The phone projects only (a Pixel and an iPhone profile in Chromium, with a touch screen): the task
// journey by touch, the list on the first screen, and the collapsed header.

test.describe.configure({ timeout: 60_000 });

test.beforeEach(async ({ context, baseURL }) => {
  await signInWithCookies(context, baseURL as string, (await createUser("Thumb", "Tester", "operator")).id);
});

test("by touch: add, complete, and delete with undo; the list is on the first screen", async ({ page }) => {
  await page.goto("/tasks");
  const title = createForm(page).getByLabel("Title");
  for (const name of ["Buy milk", "Call the bank", "Water the plants"]) {
    await title.tap();
    await page.keyboard.type(name);
    await createForm(page).getByRole("button", { name: "Add task" }).tap();
    await expect(taskList(page).first()).toContainText(name);
    await expect(title).toHaveValue("");
  }
  await expect(taskList(page)).toHaveCount(3);

  // The list first: on a fresh load the first task's controls are on the first screen.
  await page.goto("/tasks");
  const row = taskList(page).filter({ hasText: "Water the plants" });
  const complete = row.getByRole("checkbox", { name: "Complete “Water the plants”" });
  await expectInsideViewport(complete);

  // Every row control is a 44 × 44 px target, and none waits for a hover to appear.
  const select = row.getByRole("checkbox", { name: "Select “Water the plants”" });
  const edit = row.getByRole("button", { name: "Edit “Water the plants”" });
  const remove = row.getByRole("button", { name: "Delete “Water the plants”" });
  for (const control of [select, complete, edit, remove]) {
    await expect(control).toBeVisible();
    await expectTouchTarget(control);
  }

  await select.tap();
  await expect(select).toBeChecked();
  await expect(page.getByText("1 open selected")).toBeVisible();
  await select.tap();
  await expect(select).not.toBeChecked();

  await complete.tap();
  await expect(complete).toHaveAttribute("aria-checked", "true");
  await expect(page.getByText("2 of 25 open tasks")).toBeVisible();

  await remove.tap();
  await expect(page.getByText("Deleted “Water the plants”.")).toBeVisible();
  await expect(taskList(page)).toHaveCount(2);
  const undo = page.getByRole("button", { name: "Undo" });
  await expectTouchTarget(undo);
  await undo.tap();
  await expect(page.getByText("Restored “Water the plants”.")).toBeVisible();
  await expect(taskList(page)).toHaveCount(3);
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Complete “Water the plants”" })).toHaveAttribute(
    "aria-checked",
    "true",
  );
});

test("the collapsed header: the menu opens by touch and by keyboard; the user menu signs out", async ({ page }) => {
  await page.goto("/tasks");
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  const main = page.getByRole("navigation", { name: "Main" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(main.getByRole("link", { name: "Billing" })).toBeHidden();
  await expectTouchTarget(menu);

  await menu.tap();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  for (const name of ["Tasks", "Billing", "Status"]) await expectInsideViewport(main.getByRole("link", { name }));
  // A link closes the menu as it navigates and hands the focus back to the button.
  await main.getByRole("link", { name: "Billing" }).tap();
  await expect(page).toHaveURL("/billing");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();

  // Keyboard: Enter opens it, Tab walks its links, Escape closes it and returns to the button.
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await expect(main.getByRole("link", { name: "Tasks" })).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.press("Enter");
  await tabTo(main.getByRole("link", { name: "Status" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/status");
  await expect(menu).toBeFocused();

  // The user menu is the only way to sign out: on screen, and it works by touch.
  await expectInsideViewport(userMenuButton(page));
  await userMenuButton(page).tap();
  const panel = page.getByRole("dialog", { name: "Account panel" });
  const signOut = panel.getByRole("button", { name: "Sign out" });
  await expectInsideViewport(signOut);
  await signOut.tap();
  await expect(page).toHaveURL("/");
});
