import { buttonClasses } from "@/components/ui/button";

/**
 * The 404 page's content, for an unknown URL (app/global-not-found.tsx) and for notFound() (app/not-found.tsx).
 * Its links are plain anchors: app/not-found.tsx puts this component in every page's browser bundle,
 * next/link would add a second copy of itself there, and leaving a 404 for `/` needs no client-side
 * navigation.
 */
export function NotFoundMessage() {
  return (
    <main className="grid min-h-screen place-items-center px-6">
      <div className="text-center">
        <div className="flex justify-center">
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load of the static `/`, see above */}
          <a href="/" className="logo">
            Taskpilot
          </a>
        </div>
        <p className="mt-10 text-sm font-semibold text-brand-600">404</p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight">Page not found</h1>
        <p className="mt-3 text-slate-600">The page you asked for does not exist or has moved.</p>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load of the static `/`, see above */}
        <a href="/" className={buttonClasses({ className: "mt-8 inline-block" })}>
          Back to the start
        </a>
      </div>
    </main>
  );
}
