const fallback = "/tasks";

/**
 * A sign-in return target that stays on this site: a single-slash path, or the fallback. Rejects
 * absolute URLs, protocol-relative `//host` and backslash tricks that browsers treat as `//`.
 */
export function safeReturnPath(target: unknown, origin: string): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2_000) return fallback;
  try {
    const resolved = new URL(target, origin);
    if (resolved.origin !== new URL(origin).origin) return fallback;
    if (!target.startsWith("/") && !target.startsWith(origin)) return fallback;
    if (resolved.pathname.startsWith("//") || target.includes("\\")) return fallback;
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return fallback;
  }
}
