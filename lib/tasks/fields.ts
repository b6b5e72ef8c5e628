/**
 * The task fields' names and limits, for the browser as well as the server. No zod here: a form needs
 * the limits, not the schemas, and zod would add 30 KB to every page that shows one.
 */

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5_000;
export const BULK_MAX = 100;
export const priorities = ["low", "medium", "high"] as const;
export type Priority = (typeof priorities)[number];

/** The names of the form fields, in the order errors should take focus. */
export const taskFormFields = ["title", "description", "priority", "dueDate"] as const;
export type TaskFormField = (typeof taskFormFields)[number];
