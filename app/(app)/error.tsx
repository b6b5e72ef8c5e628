"use client";

import { useEffect } from "react";

/** Shown when a page's data cannot be loaded (e.g. the database is down); the server keeps running. */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-2xl border border-amber-200 bg-amber-50 p-8 text-center">
      <h1 className="text-lg font-semibold text-amber-900">We can’t load this page right now</h1>
      <p className="mt-2 text-sm text-amber-800">
        One of our services is not answering. Your data is safe; please try again in a moment.
      </p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-amber-700">Reference: {error.digest}</p> : null}
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-lg bg-amber-600 px-4 py-2 text-sm font-medium text-white hover:bg-amber-700"
      >
        Try again
      </button>
    </div>
  );
}
