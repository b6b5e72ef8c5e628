"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { authedAction, type ActionResult } from "@/lib/safe-action";
import { taskErrors, type TaskErrorCode } from "@/lib/tasks/errors";
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
import { bulkCompleteTasks, createTask, deleteTask, restoreTask, toggleTask, updateTask } from "@/lib/tasks/queries";

/*
 * Thin Server Actions: authedAction checks the session and the input, lib/tasks/queries.ts does the
 * work scoped to the user, and the list is revalidated after every change that happened.
 */

const create = authedAction(
  "createTask",
  taskFieldsSchema,
  async (userId, fields) => (await createTask(db, userId, fields)).id,
  taskErrors,
);
const update = authedAction(
  "updateTask",
  updateTaskSchema,
  async (userId, { id, ...fields }) => (await updateTask(db, userId, id, fields)).id,
  taskErrors,
);
const toggle = authedAction(
  "toggleTask",
  toggleTaskSchema,
  async (userId, { id, completed }) => (await toggleTask(db, userId, id, completed)).completed,
  taskErrors,
);
const remove = authedAction(
  "deleteTask",
  deleteTaskSchema,
  async (userId, { id }): Promise<RestorableTask> => {
    const { title, description, priority, dueDate, completed, createdAt } = await deleteTask(db, userId, id);
    return { id, title, description, priority, dueDate, completed, createdAt: createdAt.toISOString() };
  },
  taskErrors,
);
const restore = authedAction(
  "restoreTask",
  restoreTaskSchema,
  async (userId, task) => (await restoreTask(db, userId, task)).id,
  taskErrors,
);
const bulkComplete = authedAction(
  "bulkCompleteTasks",
  bulkCompleteSchema,
  (userId, { ids }) => bulkCompleteTasks(db, userId, ids),
  taskErrors,
);

type TaskActionResult<Data> = ActionResult<Data, TaskErrorCode>;

function revalidateAfter<Data>(result: TaskActionResult<Data>): TaskActionResult<Data> {
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

export async function toggleTaskAction(taskId: string, completed: boolean): Promise<TaskActionResult<boolean>> {
  return revalidateAfter(await toggle({ id: taskId, completed }));
}

/** Answers with the deleted task, which the client keeps to offer undo. */
export async function deleteTaskAction(taskId: string): Promise<TaskActionResult<RestorableTask>> {
  return revalidateAfter(await remove({ id: taskId }));
}

export async function restoreTaskAction(task: RestorableTask): Promise<TaskActionResult<string>> {
  return revalidateAfter(await restore(task));
}

export async function bulkCompleteTasksAction(taskIds: string[]): Promise<TaskActionResult<{ completed: number }>> {
  return revalidateAfter(await bulkComplete({ ids: taskIds }));
}
