/** Pages prerendered at build time; proxy.ts's matcher leaves them out too. */
const prerenderedPages = new Set(["/"]);

/**
 * A prerendered page is served from the build output: no code of ours runs on the server for it, and
 * its HTML cannot carry a request's trace. So the server leaves it to Next.js without Sentry
 * (sentry-build-output.ts), and the browser loads Sentry there only when needed
 * (instrumentation-client.ts, which runs on every page's first load: hence a module without imports).
 * `path` may carry a query or fragment.
 */
export function isPrerenderedPage(path: string): boolean {
  return prerenderedPages.has(path.split(/[?#]/, 1)[0] ?? path);
}
