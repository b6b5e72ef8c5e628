const unreachableCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "CONNECT_TIMEOUT", "EAI_AGAIN", "ECONNRESET"]);

/** A one-line, secret-free explanation when `error` means the server at `url` cannot be reached. */
export function describeUnreachableDatabase(url: string, error: unknown): string | null {
  const code = typeof error === "object" && error && "code" in error ? String(error.code) : "";
  if (!unreachableCodes.has(code)) return null;
  const { hostname, port } = new URL(url);
  return `Cannot reach PostgreSQL at ${hostname}:${port || "5432"} (${code}). Is the server running? Check DATABASE_URL.`;
}
