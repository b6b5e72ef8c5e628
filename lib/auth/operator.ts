import "server-only";
import { z } from "zod";
import { knownError } from "@/lib/errors";
import { requireUser, sessionAuth } from "./session";

/**
 * Clerk's session-token template `{"metadata": "{{user.public_metadata}}"}` copies the user's public
 * metadata into every session token, so the role is read from the verified claims with no call to Clerk.
 */
const operatorClaims = z.object({ metadata: z.object({ role: z.literal("operator") }) });

/** Thrown when a signed-in user who is not an operator asks for an operator-only thing. */
export class NotOperatorError extends Error {
  readonly status = 403;
  constructor() {
    super("Only operators may do this.");
    this.name = "NotOperatorError";
  }
}

export const operatorErrors = [knownError(NotOperatorError, "forbidden", 403, "Only operators can do this.")];

/** Whether the signed-in user's session token says `role: "operator"`; false when signed out. */
export async function isOperator(): Promise<boolean> {
  const { userId, sessionClaims } = await sessionAuth();
  return userId !== null && operatorClaims.safeParse(sessionClaims).success;
}

/** The signed-in operator's id; UnauthorizedError without a session, NotOperatorError for anyone else. */
export async function requireOperator(): Promise<string> {
  const userId = await requireUser();
  if (!(await isOperator())) throw new NotOperatorError();
  return userId;
}
