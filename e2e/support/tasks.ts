import { expect, type Page } from "@playwright/test";

export const taskList = (page: Page) => page.getByRole("region", { name: "Your tasks" }).getByRole("listitem");

/** Adds a task through the form on /tasks, as a person would, and waits for the confirmation. */
export async function addTask(
  page: Page,
  title: string,
  options: { priority?: "Low" | "Medium" | "High"; dueDate?: string; notes?: string } = {},
) {
  const form = page.getByRole("region", { name: "Add a task" });
  await form.getByLabel("Title").fill(title);
  if (options.notes) await form.getByLabel("Notes").fill(options.notes);
  if (options.priority) await form.getByLabel("Priority").selectOption({ label: options.priority });
  if (options.dueDate) await form.getByLabel("Due date").fill(options.dueDate);
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(form.getByRole("status")).toHaveText("Task added.");
  await expect(form.getByLabel("Title")).toHaveValue("");
}
