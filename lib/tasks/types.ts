import type { Plan, Task } from "@/db/schema";

/** A task as the app reads it: the search document stays in the database. */
export type TaskRow = Omit<Task, "search">;

/** What the browser gets of a task: no owner id, no timestamps it does not show. */
export type ListedTask = Pick<TaskRow, "id" | "title" | "description" | "priority" | "dueDate" | "completed">;

export interface TaskUsage {
  plan: Plan;
  open: number;
  /** Open tasks the plan allows, or null for no limit. */
  limit: number | null;
}
