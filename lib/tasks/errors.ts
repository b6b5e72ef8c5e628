import { knownError } from "@/lib/errors";

/**
 * Known refusals from the tasks data layer. taskErrors below says how the actions answer them; any
 * other error is a bug and is rethrown.
 */

/** The task does not exist for this user: missing and someone else's look the same, on purpose. */
export class NotFoundError extends Error {
  constructor() {
    super("Not found.");
    this.name = "NotFoundError";
  }
}

/** A Free account already has the most open tasks its plan allows. */
export class PlanLimitError extends Error {
  constructor(readonly limit: number) {
    super(`The Free plan allows ${limit} open tasks.`);
    this.name = "PlanLimitError";
  }
}

/** How the task actions answer these refusals. */
export const taskErrors = [
  knownError(NotFoundError, "not_found", 404, "That task no longer exists. It may have been deleted in another tab."),
  knownError(PlanLimitError, "plan_limit", 409, "You’ve reached the Free plan’s limit of open tasks."),
];

export type TaskErrorCode = (typeof taskErrors)[number]["code"];
