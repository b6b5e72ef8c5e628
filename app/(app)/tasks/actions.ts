"use server";

import { revalidatePath } from "next/cache";
import { bulkCompleteTasks, createTask, deleteTask, restoreTask, toggleTask, updateTask } from "@/db/queries/tasks";
import { authedAction, type ActionResult } from "@/lib/safe-action";
import { readTaskForm, toTaskFormState, type TaskFormState } from "@/lib/tasks/form-state";
import {
  bulkCompleteSchema,
  deleteTaskSchema,
  restoreTaskSchema,
  taskFieldsSchema,
  toggleTaskSchema,
  updateTaskSchema,
  type RestorableTask,
} from "@/lib/tasks/schemas";

/*
 * Thin Server Actions: authedAction checks the session and the input, db/queries/tasks.ts does the
 * work scoped to the user, and the list is revalidated after every change that happened.
 */

const create = authedAction(
  "createTask",
  taskFieldsSchema,
  async (userId, fields) => (await createTask(userId, fields)).id,
);
const update = authedAction(
  "updateTask",
  updateTaskSchema,
  async (userId, { id, ...fields }) => (await updateTask(userId, id, fields)).id,
);
const toggle = authedAction(
  "toggleTask",
  toggleTaskSchema,
  async (userId, { id, completed }) => (await toggleTask(userId, id, completed)).completed,
);
const remove = authedAction("deleteTask", deleteTaskSchema, async (userId, { id }): Promise<RestorableTask> => {
  const { title, description, priority, dueDate, completed, createdAt } = await deleteTask(userId, id);
  return { id, title, description, priority, dueDate, completed, createdAt: createdAt.toISOString() };
});
const restore = authedAction(
  "restoreTask",
  restoreTaskSchema,
  async (userId, task) => (await restoreTask(userId, task)).id,
);
const bulkComplete = authedAction("bulkCompleteTasks", bulkCompleteSchema, (userId, { ids }) =>
  bulkCompleteTasks(userId, ids),
);

function revalidateAfter<Data>(result: ActionResult<Data>): ActionResult<Data> {
  if (result.ok) revalidatePath("/tasks");
  return result;
}

export async function createTaskAction(previous: TaskFormState, formData: FormData): Promise<TaskFormState> {
  const input = readTaskForm(formData);
  const result = revalidateAfter(await create(input));
  return toTaskFormState(result, input, previous, "Task added.");
}

export async function updateTaskAction(
  taskId: string,
  previous: TaskFormState,
  formData: FormData,
): Promise<TaskFormState> {
  const input = readTaskForm(formData);
  const result = revalidateAfter(await update({ ...input, id: taskId }));
  return toTaskFormState(result, input, previous, "Changes saved.");
}

export async function toggleTaskAction(taskId: string, completed: boolean): Promise<ActionResult<boolean>> {
  return revalidateAfter(await toggle({ id: taskId, completed }));
}

/** Answers with the deleted task, which the client keeps to offer undo. */
export async function deleteTaskAction(taskId: string): Promise<ActionResult<RestorableTask>> {
  return revalidateAfter(await remove({ id: taskId }));
}

export async function restoreTaskAction(task: RestorableTask): Promise<ActionResult<string>> {
  return revalidateAfter(await restore(task));
}

export async function bulkCompleteTasksAction(taskIds: string[]): Promise<ActionResult<{ completed: number }>> {
  return revalidateAfter(await bulkComplete({ ids: taskIds }));
}
