import { z } from "zod";
import { decodeCursor } from "./cursor";
import {
  DEFAULT_PAGE_SIZE,
  dueFilters,
  MAX_PAGE_SIZE,
  SEARCH_MAX,
  statusFilters,
  taskSorts,
  type TaskListParams,
} from "./list-view";

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

/** The view a /tasks URL asks for; anything malformed falls back to that field's default. */
export function parseTaskListParams(searchParams: SearchParams): TaskListParams {
  const { cursor, ...params } = paramsSchema.parse(searchParams);
  const after = cursor ? decodeCursor(cursor, params.sort) : null;
  return { ...params, cursor: after ? cursor : null, after };
}
