import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { jsonError } from "./json-errors";

/** Refuses bodies over `maxSize` bytes with 413 and `body`, before any handler reads them. */
export function limitBody(maxSize: number, body: unknown) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw jsonError(413, body);
    },
  });
}

/** How an emulator words a 400 for input that is not JSON or does not match its schema. */
export interface InputErrors {
  invalidJson: unknown;
  invalidInput(error: z.ZodError): unknown;
}

/** The wording of the Clerk and Sentry emulators' test APIs. */
const INPUT_ERRORS: InputErrors = {
  invalidJson: { error: "invalid JSON body" },
  invalidInput: (error) => ({ error: "invalid request", issues: z.flattenError(error) }),
};

/** Validates `value` against `schema`; a mismatch answers 400. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, errors = INPUT_ERRORS): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw jsonError(400, errors.invalidInput(parsed.error));
  return parsed.data;
}

/** The request's JSON body (an empty one is `{}`), validated against `schema`. */
export async function readJson<S extends z.ZodType>(
  c: Context,
  schema: S,
  errors = INPUT_ERRORS,
): Promise<z.output<S>> {
  const text = await c.req.text();
  let value: unknown = {};
  if (text.trim()) {
    try {
      value = JSON.parse(text);
    } catch {
      throw jsonError(400, errors.invalidJson);
    }
  }
  return parseInput(schema, value, errors);
}
