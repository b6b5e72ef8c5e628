import { z } from "zod";
import * as params from "./params";
import { invalidRequest, resourceMissing } from "./stripe-errors";
import type { ListObject } from "./types";

/** The pagination params every Stripe list endpoint takes. */
export const listParams = {
  limit: params.formInteger
    .refine((value) => value >= 1, { error: "This value must be greater than or equal to 1." })
    .refine((value) => value <= 100, { error: "This value must be less than or equal to 100." })
    .optional(),
  starting_after: z.string().optional(),
  ending_before: z.string().optional(),
  expand: params.expand.optional(),
};

export interface Page {
  limit?: number;
  starting_after?: string;
  ending_before?: string;
}

/**
 * One page of `items` (already filtered and newest first), as Stripe pages a list: `limit` items (10 by
 * default) after the `starting_after` cursor or just before the `ending_before` one.
 */
export function listPage<T extends { id: string }>(
  url: string,
  kind: string,
  items: readonly T[],
  page: Page,
): ListObject<T> {
  if (page.starting_after !== undefined && page.ending_before !== undefined) {
    throw invalidRequest("You may only specify one of these parameters: ending_before, starting_after.", {
      code: "parameters_exclusive",
      param: "ending_before",
    });
  }
  const limit = page.limit ?? 10;
  const position = (param: "starting_after" | "ending_before", id: string) => {
    const index = items.findIndex((item) => item.id === id);
    if (index === -1) throw resourceMissing(kind, id, param);
    return index;
  };
  if (page.ending_before !== undefined) {
    const end = position("ending_before", page.ending_before);
    const start = Math.max(0, end - limit);
    return { object: "list", data: items.slice(start, end), has_more: start > 0, url };
  }
  const start = page.starting_after === undefined ? 0 : position("starting_after", page.starting_after) + 1;
  return { object: "list", data: items.slice(start, start + limit), has_more: start + limit < items.length, url };
}
