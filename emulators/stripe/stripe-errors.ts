import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { PaymentError, PaymentIntent } from "./types";

/** The body Stripe sends with every non-2xx answer: `{ error: { type, code, message, param, ... } }`. */
export interface StripeErrorBody {
  type: "api_error" | "card_error" | "idempotency_error" | "invalid_request_error";
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: PaymentIntent;
  payment_method?: PaymentError["payment_method"];
}

export class StripeApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

const docUrl = (code: string) => `https://stripe.com/docs/error-codes/${code.replaceAll("_", "-")}`;

export function invalidRequest(
  message: string,
  options: { code?: string; param?: string; status?: ContentfulStatusCode } = {},
): StripeApiError {
  const { code, param, status = 400 } = options;
  return new StripeApiError(status, {
    type: "invalid_request_error",
    message,
    ...(code && { code, doc_url: docUrl(code) }),
    ...(param && { param }),
  });
}

export function resourceMissing(kind: string, id: string, param = "id"): StripeApiError {
  return invalidRequest(`No such ${kind}: '${id}'`, { code: "resource_missing", param, status: 404 });
}

/** Stripe attaches the PaymentIntent to state errors, so clients can see what it is now. */
export function unexpectedState(message: string, paymentIntent: PaymentIntent): StripeApiError {
  const error = invalidRequest(message, { code: "payment_intent_unexpected_state" });
  error.body.payment_intent = paymentIntent;
  return error;
}

/** Card errors answer 402; a declined confirmation carries the PaymentIntent as it now stands. */
export function cardError(error: PaymentError, paymentIntent?: PaymentIntent, param?: string): StripeApiError {
  return new StripeApiError(402, {
    ...error,
    ...(param && { param }),
    ...(paymentIntent && { payment_intent: paymentIntent }),
  });
}

/** Stripe names nested params with brackets: ["metadata", "user_id"] -> "metadata[user_id]". */
export function paramName(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  return `${head ?? ""}${rest.map((segment) => `[${segment}]`).join("")}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const segment of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

/** Maps the first zod issue to the error Stripe gives for the same mistake. */
export function fromZodIssue(issue: z.core.$ZodIssue, input: unknown): StripeApiError {
  if (issue.code === "unrecognized_keys") {
    const param = paramName([...issue.path, issue.keys[0] ?? ""]);
    return invalidRequest(`Received unknown parameter: ${param}`, { code: "parameter_unknown", param });
  }
  const param = paramName(issue.path);
  if (valueAt(input, issue.path) === undefined) {
    return invalidRequest(`Missing required param: ${param}.`, { code: "parameter_missing", param });
  }
  const stripeCode = issue.code === "custom" ? (issue.params?.stripeCode as string | undefined) : undefined;
  const message =
    issue.code === "custom" ? issue.message : `Invalid ${param}: ${issue.message.replace(/^Invalid input: /, "")}`;
  return invalidRequest(message, { code: stripeCode ?? "parameter_invalid", param });
}
