import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { isPrerenderedPage } from "./prerendered-pages";

/** Node.js publishes each incoming request here before the server's `request` listeners see it. */
const requestStartChannel = "http.server.request.start";

/**
 * How Sentry's HTTP server instrumentation marks a request it has taken in; it passes a marked request
 * straight on, so that a server instrumented twice handles each request once.
 */
const takenInBySentry = Symbol.for("sentry_http_server_instrumented");

/** What Next.js serves from the build output without running any code of ours. */
export function isBuildOutput(url: string): boolean {
  return isPrerenderedPage(url) || url.startsWith("/_next/static/");
}

/**
 * Sentry gives every incoming request an isolation scope, a trace context and a session count before
 * any route is known, even one it makes no span for: 12% of the landing page's throughput. A
 * prerendered page or a static asset runs no code of ours that could report to Sentry, so those
 * requests are marked as taken in and reach Next.js without it. Every other request is isolated and
 * traced as before (sentry-build-output.test.ts holds Sentry to that).
 */
export function leaveBuildOutputToNextJs(): void {
  subscribe(requestStartChannel, (message) => {
    const request = (message as { request: IncomingMessage & { [takenInBySentry]?: boolean } }).request;
    if (isBuildOutput(request.url ?? "/")) request[takenInBySentry] = true;
  });
}
