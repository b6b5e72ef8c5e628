import { publicRuntimeEnv } from "@/lib/env/public-runtime";
import { isPrerenderedPage } from "@/lib/observability/prerendered-pages";

type BrowserSentry = typeof import("@/lib/observability/sentry-browser");

/**
 * Sentry's browser SDK is loaded off the critical path, as Sentry's own Loader Script does: the page
 * hydrates without waiting for it, and errors thrown before it starts are kept and sent once it has.
 * The pageload span still starts at navigation (the SDK reads the browser's performance timeline) and
 * joins the server's trace through the page's sentry-trace meta tag.
 *
 * On a prerendered page (the landing page) there is no server trace to join, and the SDK's start-up
 * would be most of the page's main-thread work: it loads there only on the first error or the first
 * navigation into the app, like the Loader Script's default lazy mode.
 */

// Whether Sentry is configured, from the unvalidated value: the validating module's schemas would add zod
// to every page's first load. The server validated it at build; sentry-browser.ts reads it validated.
const sentryConfigured = Boolean(publicRuntimeEnv.NEXT_PUBLIC_SENTRY_DSN);
let sentry: BrowserSentry | undefined;
let loading: Promise<BrowserSentry> | undefined;

/** Enough to tell what went wrong; a page failing in a loop while the SDK cannot load keeps no more. */
const maxEarlyErrors = 20;
const early: unknown[] = [];

function keep(error: unknown): void {
  if (early.length < maxEarlyErrors) early.push(error);
  void loadSentry();
}

const keepError = (event: ErrorEvent) => keep(event.error ?? event.message);
const keepRejection = (event: PromiseRejectionEvent) => keep(event.reason);

function loadSentry(): Promise<BrowserSentry> {
  loading ??= import("@/lib/observability/sentry-browser").then((sdk) => {
    sdk.startBrowserSentry();
    sentry = sdk;
    removeEventListener("error", keepError);
    removeEventListener("unhandledrejection", keepRejection);
    for (const error of early.splice(0)) sdk.captureException(error);
    return sdk;
  });
  return loading;
}

if (sentryConfigured) {
  addEventListener("error", keepError);
  addEventListener("unhandledrejection", keepRejection);
  if (!isPrerenderedPage(location.pathname)) void loadSentry();
}

/**
 * Client-side navigations start a span once the SDK is running. The first navigation away from a
 * prerendered page loads it, and its span starts when it has loaded.
 */
export function onRouterTransitionStart(href: string, navigationType: string): void {
  if (sentry) sentry.captureRouterTransitionStart(href, navigationType);
  else if (sentryConfigured && !isPrerenderedPage(href)) {
    void loadSentry().then((sdk) => sdk.captureRouterTransitionStart(href, navigationType));
  }
}
