import { z } from "zod";
import { fromZodIssue } from "./stripe-errors";

/** zod pieces for form-encoded params, which always arrive as strings, with Stripe's own error wording. */

export const formInteger = z.string().transform((raw, ctx) => {
  if (!/^-?\d+$/.test(raw)) {
    ctx.addIssue({
      code: "custom",
      message: `Invalid integer: ${raw}`,
      params: { stripeCode: "parameter_invalid_integer" },
    });
    return z.NEVER;
  }
  return Number(raw);
});

export const formBoolean = z.string().transform((raw, ctx) => {
  if (raw !== "true" && raw !== "false") {
    ctx.addIssue({ code: "custom", message: `Invalid boolean: ${raw}` });
    return z.NEVER;
  }
  return raw === "true";
});

export const amount = formInteger.refine((value) => value >= 1 && value <= 99_999_999, {
  error: "Amount must be at least 1 and no more than 99999999 in the smallest currency unit.",
});

export const currency = z
  .string()
  .transform((raw) => raw.toLowerCase())
  .refine((code) => /^[a-z]{3}$/.test(code), { error: (issue) => `Invalid currency: ${String(issue.input)}` });

/** Stripe's limits: 50 keys, 40-character keys, 500-character values. On update, "" unsets a key. */
export const metadata = z
  .record(z.string().max(40), z.string().max(500))
  .refine((record) => Object.keys(record).length <= 50, { error: "Metadata can have up to 50 keys." });

/** Passing `metadata=` (empty) clears all keys on update. */
export const metadataUpdate = z.union([z.literal(""), metadata]);

/** Applies a `metadataUpdate`: keys merge, an empty value removes its key, and `""` removes them all. */
export function mergeMetadata(
  current: Record<string, string>,
  update: "" | Record<string, string>,
): Record<string, string> {
  if (update === "") return {};
  const merged = { ...current, ...update };
  for (const [key, value] of Object.entries(update)) if (value === "") delete merged[key];
  return merged;
}

export const expand = z.array(z.string()).max(20);

export const optionalText = (max: number) => z.string().max(max).optional();

/** Validates decoded params; the first problem becomes a Stripe-shaped 400. */
export function parseParams<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new Error("zod reported failure without issues");
  throw fromZodIssue(issue, input);
}
