/**
 * One redaction policy for logs, Sentry events and Sentry spans: personal data, credentials and
 * card data are replaced before anything leaves the process. Pure functions, safe in every runtime.
 */

const sensitiveKey = new RegExp(
  [
    "pass(word)?|secret|token|authorization|cookie|session|email|card|cvc|cvv",
    "signature|handshake|client_secret|api[-_]?key|svix|set-cookie",
  ].join("|"),
  "i",
);

const patterns: [RegExp, string][] = [
  [/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]{4,}/g, "[jwt]"],
  [/\b(sk|rk|pk)_(live|test)_\w+/g, "[stripe-key]"],
  [/\bwhsec_[\w+/=]+/g, "[webhook-secret]"],
  [/\bpi_\w+_secret_\w+/g, "[client-secret]"],
  [/\bBearer\s+[\w.~+/=-]+/gi, "Bearer [redacted]"],
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, "[email]"],
];

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Card numbers: 13–19 digits, optionally grouped by spaces or dashes, that pass the Luhn check. */
function scrubCardNumbers(text: string): string {
  return text.replace(/\b\d(?:[ -]?\d){12,18}\b/g, (match) =>
    passesLuhn(match.replace(/\D/g, "")) ? "[card]" : match,
  );
}

export function scrubString(text: string): string {
  let result = scrubCardNumbers(text);
  for (const [pattern, replacement] of patterns) result = result.replace(pattern, replacement);
  return result;
}

/** Deep copy of `value` with sensitive keys replaced and every string scrubbed. */
export function scrubValue<T>(value: T, depth = 0): T {
  if (typeof value === "string") return scrubString(value) as T;
  if (value === null || typeof value !== "object" || depth > 8) return value;
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1)) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    copy[key] =
      sensitiveKey.test(key) && entry !== null && entry !== undefined && typeof entry !== "boolean"
        ? "[redacted]"
        : scrubValue(entry, depth + 1);
  }
  return copy as T;
}
