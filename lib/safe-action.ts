import "server-only";
import * as Sentry from "@sentry/nextjs";
import { headers } from "next/headers";
import { z } from "zod";
import { requireUser, sessionErrors } from "@/lib/auth/session";
import { findKnownError, type ErrorBody, type FieldErrors, type KnownError } from "@/lib/errors";
import { observe } from "@/lib/observability/observe";
import { requestIdFrom } from "@/lib/observability/request-context";
import { clientIp } from "@/lib/security/client-ip";
import { enforceLimit, limitErrors, type LimitBucket } from "@/lib/security/rate-limit";

/** The refusals every action can give, whatever its domain. */
export type BaseActionError =
  "validation" | (typeof sessionErrors)[number]["code"] | (typeof limitErrors)[number]["code"];

/** What every Server Action answers. Known refusals are values; anything else is a bug and throws. */
export type ActionResult<Data, Code extends string = never> =
  { ok: true; data: Data } | ({ ok: false } & ErrorBody<Code | BaseActionError>);

const validationMessage = "Please fix the highlighted fields.";

/**
 * Wraps a Server Action's work. The session is checked here, on every call, because an action is a
 * public endpoint: the page that renders its form being protected proves nothing. Input arrives as
 * `unknown` whatever the TypeScript signature says, and only the schema's output reaches `handler`.
 * Errors listed in `knownErrors` become typed refusals. With `limit`, each call by a signed-in user
 * counts against that abuse limit, per user and per IP, before its input is even read. Each call is
 * traced as a Sentry span named after the action, logged and measured like a route.
 */
export function authedAction<Schema extends z.ZodType, Data, Code extends string = never>(
  name: string,
  schema: Schema,
  handler: (userId: string, input: z.output<Schema>) => Promise<Data>,
  knownErrors: readonly KnownError<Code>[] = [],
  options: { limit?: LimitBucket } = {},
) {
  const known: readonly KnownError<Code | BaseActionError>[] = [...sessionErrors, ...limitErrors, ...knownErrors];
  const run = async (input: unknown, requestHeaders: Headers): Promise<ActionResult<Data, Code>> => {
    try {
      const userId = await requireUser();
      if (options.limit) await enforceLimit(options.limit, { userId, ip: clientIp(requestHeaders) }, `action:${name}`);
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const fieldErrors = z.flattenError(parsed.error).fieldErrors as FieldErrors;
        return { ok: false, error: "validation", message: validationMessage, fieldErrors };
      }
      return { ok: true, data: await handler(userId, parsed.data) };
    } catch (error) {
      const refusal = findKnownError(error, known);
      if (refusal) return { ok: false, error: refusal.code, message: refusal.message };
      throw error;
    }
  };
  return async (input: unknown): Promise<ActionResult<Data, Code>> => {
    const requestHeaders = await headers();
    return Sentry.withServerActionInstrumentation(name, { headers: requestHeaders, recordResponse: false }, () =>
      observe(
        { route: `action:${name}`, method: "POST", requestId: requestIdFrom(requestHeaders) },
        () => run(input, requestHeaders),
        (result) => (result.ok ? "ok" : result.error),
      ),
    );
  };
}
