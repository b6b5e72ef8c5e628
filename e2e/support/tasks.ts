import { expect, type Page } from "@playwright/test";

export const taskList = (page: Page) => page.getByRole("region", { name: "Your tasks" }).getByRole("listitem");

export const createForm = (page: Page) => page.getByRole("region", { name: "Add a task" });

/** Opens the create form's priority, due date and notes fields, unless they are open already. */
export async function openMoreOptions(page: Page) {
  const toggle = createForm(page).getByRole("button", { name: "More options" });
  if (await toggle.isVisible()) await toggle.click();
  await expect(createForm(page).getByRole("button", { name: "Fewer options" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
}

/** Adds a task through the form on /tasks, as a person would, and waits for the confirmation. */
export async function addTask(
  page: Page,
  title: string,
  options: { priority?: "Low" | "Medium" | "High"; dueDate?: string; notes?: string } = {},
) {
  const form = createForm(page);
  if (options.priority || options.dueDate || options.notes) await openMoreOptions(page);
  await form.getByLabel("Title").fill(title);
  if (options.notes) await form.getByLabel("Notes").fill(options.notes);
  if (options.priority) await form.getByLabel("Priority").selectOption({ label: options.priority });
  if (options.dueDate) await form.getByLabel("Due date").fill(options.dueDate);
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(form.getByRole("status")).toHaveText("Task added.");
  await expect(form.getByLabel("Title")).toHaveValue("");
}
