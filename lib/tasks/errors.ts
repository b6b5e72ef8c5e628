/**
 * Known refusals from the tasks data layer. lib/safe-action.ts turns them into typed results; any
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
