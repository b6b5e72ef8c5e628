import { publicEnv as env } from "@/lib/env/public";

type BrowserSentry = typeof import("@/lib/observability/sentry-browser");

/**
 * Sentry's browser SDK is loaded off the critical path, as Sentry's own Loader Script does: the page
 * hydrates without waiting for it, and errors thrown before it starts are kept and sent once it has.
 * The pageload span still starts at navigation (the SDK reads the browser's performance timeline) and
 * joins the server's trace through the page's sentry-trace meta tag.
 */
let sentry: BrowserSentry | undefined;

/** Enough to tell what went wrong; a page failing in a loop while the SDK cannot load keeps no more. */
const maxEarlyErrors = 20;

function loadSentry(dsn: string): void {
  const early: unknown[] = [];
  const keep = (error: unknown) => {
    if (early.length < maxEarlyErrors) early.push(error);
  };
  const keepError = (event: ErrorEvent) => keep(event.error ?? event.message);
  const keepRejection = (event: PromiseRejectionEvent) => keep(event.reason);
  addEventListener("error", keepError);
  addEventListener("unhandledrejection", keepRejection);
  void import("@/lib/observability/sentry-browser").then((sdk) => {
    sdk.startBrowserSentry(dsn);
    sentry = sdk;
    removeEventListener("error", keepError);
    removeEventListener("unhandledrejection", keepRejection);
    for (const error of early) sentry.captureException(error);
  });
}

if (env.NEXT_PUBLIC_SENTRY_DSN) loadSentry(env.NEXT_PUBLIC_SENTRY_DSN);

/** Client-side navigations start a span once the SDK is running; one made before that goes untraced. */
export function onRouterTransitionStart(href: string, navigationType: string): void {
  sentry?.captureRouterTransitionStart(href, navigationType);
}
