/** Field-level messages, as zod's flattenError gives them. */
export type FieldErrors = Partial<Record<string, string[]>>;

/** What every refusal looks like, from a Server Action or a route handler. */
export interface ErrorBody<Code extends string = string> {
  error: Code;
  /** Words for people; never an exception's own text. */
  message: string;
  fieldErrors?: FieldErrors;
}

/**
 * An error class that a caller expects and knows how to answer: its code, the words people see and,
 * in a route handler, the HTTP status.
 */
export interface KnownError<Code extends string = string> {
  type: abstract new (...args: never[]) => Error;
  code: Code;
  message: string;
  status: number;
}

export function knownError<Code extends string>(
  type: KnownError["type"],
  code: Code,
  status: number,
  message: string,
): KnownError<Code> {
  return { type, code, status, message };
}

export function findKnownError<Code extends string>(
  error: unknown,
  known: readonly KnownError<Code>[],
): KnownError<Code> | undefined {
  return known.find((entry) => error instanceof entry.type);
}

export function errorResponse(body: ErrorBody, status: number, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}
