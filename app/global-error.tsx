"use client";

import { useEffect } from "react";
import "./globals.css";

/** Replaces the root layout when it fails, so it renders its own <html> and <body>. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    // Imported on demand, so the SDK stays out of every page's first load (see instrumentation-client.ts).
    void import("@/lib/observability/sentry-browser").then((sdk) => sdk.captureException(error));
  }, [error]);
  return (
    <html lang="en">
      <body className="grid min-h-screen place-items-center bg-slate-50 px-6 font-sans text-slate-900">
        <main role="alert" className="max-w-md text-center">
          <h1 className="text-2xl font-bold">Something went wrong</h1>
          <p className="mt-3 text-slate-600">An unexpected error stopped this page. It has been reported.</p>
          {error.digest ? <p className="mt-2 font-mono text-xs text-slate-500">Reference: {error.digest}</p> : null}
          <button
            type="button"
            onClick={reset}
            className="mt-8 rounded-lg bg-slate-900 px-4 py-2 text-sm font-medium text-white"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
