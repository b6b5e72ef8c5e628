import type { Route } from "next";
import { z } from "zod";
import { decodeCursor, taskSorts, type TaskCursor, type TaskSort } from "./cursor";

export const statusFilters = ["all", "open", "done"] as const;
export const dueFilters = ["any", "overdue", "today", "week"] as const;
export type StatusFilter = (typeof statusFilters)[number];
export type DueFilter = (typeof dueFilters)[number];

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

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

// Each field falls back on its own, so one bad parameter does not reset the others.
const paramsSchema = z.object({
  q: z.preprocess(
    first,
    z
      .string()
      .transform((value) => value.toWellFormed().replaceAll("\u0000", "").trim().slice(0, SEARCH_MAX))
      .catch(""),
  ),
  status: z.preprocess(first, z.enum(statusFilters).catch("all")),
  due: z.preprocess(first, z.enum(dueFilters).catch("any")),
  sort: z.preprocess(first, z.enum(taskSorts).catch("newest")),
  limit: z.preprocess(first, z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).catch(DEFAULT_PAGE_SIZE)),
  cursor: z.preprocess(first, z.string().nullable().catch(null)),
});

export function parseTaskListParams(searchParams: SearchParams): TaskListParams {
  const { cursor, ...params } = paramsSchema.parse(searchParams);
  const after = cursor ? decodeCursor(cursor, params.sort) : null;
  return { ...params, cursor: after ? cursor : null, after };
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
