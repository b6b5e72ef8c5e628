import "server-only";
import * as Sentry from "@sentry/nextjs";
import { headers } from "next/headers";
import { z } from "zod";
import { requireUser, UnauthorizedError } from "@/lib/auth";
import { observe } from "@/lib/observability/observe";
import { requestContext, requestIdFrom } from "@/lib/observability/request-context";
import { NotFoundError, PlanLimitError } from "@/lib/tasks/errors";

export type ActionError = "not_found" | "validation" | "unauthorized" | "plan_limit";
export type FieldErrors = Partial<Record<string, string[]>>;

/** What every Server Action answers. Known refusals are values; anything else is a bug and throws. */
export type ActionResult<Data> =
  { ok: true; data: Data } | { ok: false; error: ActionError; fieldErrors?: FieldErrors };

function knownError(error: unknown): ActionError | null {
  if (error instanceof UnauthorizedError) return "unauthorized";
  if (error instanceof NotFoundError) return "not_found";
  if (error instanceof PlanLimitError) return "plan_limit";
  return null;
}

/**
 * Wraps a Server Action's work. The session is checked here, on every call, because an action is a
 * public endpoint: the page that renders its form being protected proves nothing. Input arrives as
 * `unknown` whatever the TypeScript signature says, and only the schema's output reaches `handler`.
 * Each call is traced as a Sentry span named after the action, logged and measured like a route.
 */
export function authedAction<Schema extends z.ZodType, Data>(
  name: string,
  schema: Schema,
  handler: (userId: string, input: z.output<Schema>) => Promise<Data>,
) {
  const run = async (input: unknown): Promise<ActionResult<Data>> => {
    try {
      const userId = await requireUser();
      requestContext.setUser(userId);
      const parsed = schema.safeParse(input);
      if (!parsed.success)
        return { ok: false, error: "validation", fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
      return { ok: true, data: await handler(userId, parsed.data) };
    } catch (error) {
      const code = knownError(error);
      if (code) return { ok: false, error: code };
      throw error;
    }
  };
  return async (input: unknown): Promise<ActionResult<Data>> => {
    const requestHeaders = await headers();
    return Sentry.withServerActionInstrumentation(name, { headers: requestHeaders, recordResponse: false }, () =>
      observe(
        { route: `action:${name}`, method: "POST", requestId: requestIdFrom(requestHeaders) },
        () => run(input),
        (result) => (result.ok ? "ok" : result.error),
      ),
    );
  };
}
