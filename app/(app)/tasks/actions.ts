"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
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

/**
 * A task action. Every one writes, so each counts against the task-writes abuse limit; its known
 * refusals are the tasks domain's (not found, the plan limit).
 */
function taskAction<Schema extends z.ZodType, Data>(
  name: string,
  schema: Schema,
  handler: (userId: string, input: z.output<Schema>) => Promise<Data>,
) {
  return authedAction(name, schema, handler, taskErrors, { limit: "taskWrites" });
}

const create = taskAction(
  "createTask",
  taskFieldsSchema,
  async (userId, fields) => (await createTask(db, userId, fields)).id,
);
const update = taskAction(
  "updateTask",
  updateTaskSchema,
  async (userId, { id, ...fields }) => (await updateTask(db, userId, id, fields)).id,
);
const toggle = taskAction(
  "toggleTask",
  toggleTaskSchema,
  async (userId, { id, completed }) => (await toggleTask(db, userId, id, completed)).completed,
);
const remove = taskAction("deleteTask", deleteTaskSchema, async (userId, { id }): Promise<RestorableTask> => {
  const { title, description, priority, dueDate, completed, createdAt } = await deleteTask(db, userId, id);
  return { id, title, description, priority, dueDate, completed, createdAt: createdAt.toISOString() };
});
const restore = taskAction(
  "restoreTask",
  restoreTaskSchema,
  async (userId, task) => (await restoreTask(db, userId, task)).id,
);
const bulkComplete = taskAction("bulkCompleteTasks", bulkCompleteSchema, (userId, { ids }) =>
  bulkCompleteTasks(db, userId, ids),
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
