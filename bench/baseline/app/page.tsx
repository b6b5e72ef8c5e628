import Link from "next/link";

/**
 * The landing page's text and markup (class names included, so both send the same bytes), without the
 * product's styles, components and integrations: the reference for what those cost on `/`.
 */
const features = [
  {
    title: "Fast by default",
    body: "Server-rendered lists with keyset pagination stay quick at ten tasks or ten thousand.",
  },
  { title: "Never lose a thought", body: "Inline validation keeps what you typed; undo brings back what you deleted." },
  { title: "Find anything", body: "Full-text search, filters for overdue and this week, and links you can share." },
  { title: "Yours alone", body: "Every query is scoped to your account, checked on the server, every time." },
];

const freeTaskLimit = 25;

const headerClasses =
  "mx-auto flex w-full max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-4 sm:px-6 sm:py-5";
const badgeClasses =
  "mx-auto mb-6 w-fit rounded-full border border-brand-100 bg-brand-50 px-3 py-1 text-xs font-medium text-brand-700";
const secondaryLinkClasses =
  "rounded-lg font-medium border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 px-5 py-3";

export default function LandingPage() {
  return (
    <div className="flex min-h-screen flex-col">
      <header className={headerClasses}>
        <Link href="/">Taskpilot</Link>
        <nav className="ml-auto flex items-center gap-1 text-sm font-medium whitespace-nowrap sm:gap-3">
          <Link
            prefetch={false}
            href="/sign-in"
            className="rounded-lg font-medium text-slate-700 hover:bg-slate-100 px-3 py-2 text-sm"
          >
            Sign in
          </Link>
          <Link
            prefetch={false}
            href="/sign-up"
            className="rounded-lg font-medium bg-brand-600 text-white shadow-sm hover:bg-brand-700 px-4 py-2 text-sm"
          >
            Get started
          </Link>
        </nav>
      </header>
      <main className="flex-1">
        <section className="mx-auto max-w-4xl px-4 pt-12 pb-16 text-center sm:px-6 sm:pt-16 sm:pb-20">
          <p className={badgeClasses}>Free for your first {freeTaskLimit} open tasks</p>
          <h1 className="text-5xl font-bold tracking-tight text-balance sm:text-6xl">Tasks that keep pace with you.</h1>
          <p className="mx-auto mt-6 max-w-2xl text-lg text-pretty text-slate-600">
            Taskpilot is a calm, fast task list for people who ship. Capture work in seconds, see what is due, and
            upgrade once to Pro when your list outgrows the free plan.
          </p>
          <div className="mt-10 flex flex-wrap justify-center gap-4 whitespace-nowrap">
            <Link
              prefetch={false}
              href="/tasks"
              className="rounded-lg font-medium bg-brand-600 text-white shadow-sm hover:bg-brand-700 px-5 py-3"
            >
              Open your tasks
            </Link>
            <a href="#pricing" className={secondaryLinkClasses}>
              See pricing
            </a>
          </div>
        </section>
        <section aria-labelledby="features-heading" className="border-y border-slate-200 bg-white">
          <div className="mx-auto max-w-6xl px-6 py-16">
            <h2 id="features-heading" className="sr-only">
              Features
            </h2>
            <ul className="grid gap-8 sm:grid-cols-2 lg:grid-cols-4">
              {features.map((feature) => (
                <li key={feature.title}>
                  <h3 className="font-semibold">{feature.title}</h3>
                  <p className="mt-2 text-sm text-slate-600">{feature.body}</p>
                </li>
              ))}
            </ul>
          </div>
        </section>
        <section id="pricing" aria-labelledby="pricing-heading" className="mx-auto max-w-4xl px-6 py-20">
          <h2 id="pricing-heading" className="text-center text-3xl font-bold tracking-tight">
            Simple pricing
          </h2>
          <div className="mt-10 grid gap-6 sm:grid-cols-2">
            <div className="rounded-2xl border border-slate-200 bg-white p-8">
              <h3 className="font-semibold">Free</h3>
              <p className="mt-2 text-3xl font-bold">₹0.00</p>
              <p className="mt-4 text-sm text-slate-600">
                Up to {freeTaskLimit} open tasks, search, filters and due dates.
              </p>
            </div>
            <div className="rounded-2xl border-2 border-brand-500 bg-white p-8 shadow-sm">
              <h3 className="font-semibold">Pro</h3>
              <p className="mt-2 text-3xl font-bold">
                ₹499.00 <span className="text-sm font-normal text-slate-500">once</span>
              </p>
              <p className="mt-4 text-sm text-slate-600">Unlimited open tasks, forever. Pay once, no subscription.</p>
            </div>
          </div>
        </section>
      </main>
      <footer className="border-t border-slate-200 py-8 text-center text-sm text-slate-500">© Taskpilot</footer>
    </div>
  );
}
