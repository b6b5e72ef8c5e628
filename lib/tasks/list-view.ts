import type { Route } from "next";
import type { TaskCursor } from "./cursor";

/**
 * What a /tasks view can be, and the links between views, for the browser as well as the server.
 * Parsing a URL into a view (with zod) is list-params.ts's job, on the server only.
 */

export const statusFilters = ["all", "open", "done"] as const;
export const dueFilters = ["any", "overdue", "today", "week"] as const;
export const taskSorts = ["newest", "due", "priority"] as const;
export type StatusFilter = (typeof statusFilters)[number];
export type DueFilter = (typeof dueFilters)[number];
export type TaskSort = (typeof taskSorts)[number];

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const SEARCH_MAX = 200;

/** What the /tasks URL says to show. Every field has a default, so any URL renders a page. */
export interface TaskListParams {
  q: string;
  status: StatusFilter;
  due: DueFilter;
  sort: TaskSort;
  limit: number;
  /** The encoded cursor as it appeared in the URL, kept only when it is valid for the sort. */
  cursor: string | null;
  after: TaskCursor | null;
}

export function hasFilters(params: Pick<TaskListParams, "q" | "status" | "due">): boolean {
  return params.q !== "" || params.status !== "all" || params.due !== "any";
}

/** A /tasks URL for the given view. Defaults are left out, so links stay short and shareable. */
export function taskListHref(params: Partial<Omit<TaskListParams, "after">>): Route {
  const search = new URLSearchParams();
  if (params.q) search.set("q", params.q);
  if (params.status && params.status !== "all") search.set("status", params.status);
  if (params.due && params.due !== "any") search.set("due", params.due);
  if (params.sort && params.sort !== "newest") search.set("sort", params.sort);
  if (params.limit && params.limit !== DEFAULT_PAGE_SIZE) search.set("limit", String(params.limit));
  if (params.cursor) search.set("cursor", params.cursor);
  const query = search.toString();
  return (query ? `/tasks?${query}` : "/tasks") as Route;
}
