/**
 * Resolves `target` against the app and returns it only if it stays on the app's origin, so the
 * emulator can never be used as an open redirect.
 */
export function sameOriginUrl(appOrigin: string, target: string | null | undefined): URL | undefined {
  if (!target) return undefined;
  try {
    const url = new URL(target, appOrigin);
    return url.origin === appOrigin ? url : undefined;
  } catch {
    return undefined;
  }
}

export function safeRedirect(appOrigin: string, target: string | null | undefined): string {
  return (sameOriginUrl(appOrigin, target) ?? new URL("/tasks", appOrigin)).href;
}
