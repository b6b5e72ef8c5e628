const unreachableCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ETIMEDOUT",
  "CONNECT_TIMEOUT",
  "EAI_AGAIN",
  "ECONNRESET",
]);

/** The driver's error code, looking through wrappers such as Drizzle's DrizzleQueryError (`cause`). */
export function errorCode(error: unknown): string | undefined {
  for (
    let current = error, depth = 0;
    current && typeof current === "object" && depth < 5;
    current = (current as { cause?: unknown }).cause, depth += 1
  ) {
    if ("code" in current && current.code) return String(current.code);
  }
  return undefined;
}

/** A one-line, secret-free explanation when `error` means the server at `url` cannot be reached. */
export function describeUnreachableDatabase(url: string, error: unknown): string | null {
  const code = errorCode(error);
  if (!code || !unreachableCodes.has(code)) return null;
  const { hostname, port } = new URL(url);
  return (
    `Cannot reach PostgreSQL at ${hostname}:${port || "5432"} (${code}). ` +
    "Is the server running? Check DATABASE_URL."
  );
}
