import { z } from "zod";
import { BULK_MAX, DESCRIPTION_MAX, priorities, TITLE_MAX } from "./fields";

/**
 * The one set of task schemas, shared by the forms (limits, messages) and the Server Actions (the
 * check that counts). Lengths count characters the way PostgreSQL does (code points), so anything
 * that passes here also passes the table's CHECK constraints.
 */

const characters = (value: string) => Array.from(value).length;
// PostgreSQL text cannot hold NUL, and a lone surrogate would be silently replaced on the way in.
const storable = (value: string) => value.isWellFormed() && !value.includes("\u0000");

/** A form field that may be missing: FormData gives null, a plain call may give undefined. */
const optionalText = <Schema extends z.ZodType>(schema: Schema) => z.preprocess((value) => value ?? "", schema);

const title = z
  .string({ error: "Enter a title." })
  .trim()
  .min(1, "Enter a title.")
  .refine((value) => characters(value) <= TITLE_MAX, `Keep the title to ${TITLE_MAX} characters or fewer.`)
  .refine(storable, "The title contains characters we can’t store.");

const description = z
  .string({ error: "The description must be text." })
  .trim()
  .refine(
    (value) => characters(value) <= DESCRIPTION_MAX,
    `Keep the description to ${DESCRIPTION_MAX.toLocaleString("en-US")} characters or fewer.`,
  )
  .refine(storable, "The description contains characters we can’t store.");

const priority = z.enum(priorities, { error: "Choose low, medium or high." });

/** `YYYY-MM-DD` from a date input; empty means no due date. Years before 1000 are typos, not plans. */
const dueDate = z
  .string({ error: "Enter a valid date." })
  .trim()
  .transform((value) => value || null)
  .pipe(
    z.iso
      .date({ error: "Enter a valid date." })
      .pipe(z.string().regex(/^[1-9]/, "Enter a valid date."))
      .nullable(),
  );

export const taskIdSchema = z.uuid({ error: "That task doesn’t exist." });

export const taskFieldsSchema = z.object({
  title,
  description: optionalText(description),
  priority: z.preprocess((value) => value ?? "medium", priority),
  dueDate: optionalText(dueDate),
});
export type TaskFields = z.output<typeof taskFieldsSchema>;

export const updateTaskSchema = taskFieldsSchema.extend({ id: taskIdSchema });

export const toggleTaskSchema = z.object({ id: taskIdSchema, completed: z.boolean() });

export const deleteTaskSchema = z.object({ id: taskIdSchema });

/** A just-deleted task, sent back by the client to undo the delete. */
export const restoreTaskSchema = taskFieldsSchema.extend({
  id: taskIdSchema,
  completed: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }).regex(/^[1-9]/),
});
export type RestorableTask = z.output<typeof restoreTaskSchema>;

export const bulkCompleteSchema = z.object({
  ids: z
    .array(taskIdSchema)
    .min(1, "Select at least one task.")
    .max(BULK_MAX, `Select at most ${BULK_MAX} tasks at a time.`)
    .transform((ids) => [...new Set(ids)]),
});
