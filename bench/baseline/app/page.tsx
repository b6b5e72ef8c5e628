import Link from "next/link";

/** A static page of about the landing page's size and shape, to compare against `/`. */
const features = [
  {
    title: "Fast by default",
    body: "Server-rendered lists with keyset pagination stay quick at ten tasks or ten thousand.",
  },
  { title: "Never lose a thought", body: "Inline validation keeps what you typed; undo brings back what you deleted." },
  { title: "Find anything", body: "Full-text search, filters for overdue and this week, and links you can share." },
  { title: "Yours alone", body: "Every query is scoped to your account, checked on the server, every time." },
];

export default function LandingPage() {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="mx-auto flex w-full max-w-6xl items-center justify-between px-6 py-5">
        <Link href="/">Taskpilot</Link>
        <nav className="flex items-center gap-3 text-sm font-medium">
          <Link href="/sign-in">Sign in</Link>
          <Link href="/sign-up">Get started</Link>
        </nav>
      </header>
      <main className="flex-1">
        <section className="mx-auto max-w-4xl px-6 pt-16 pb-20 text-center">
          <h1 className="text-5xl font-bold tracking-tight">Tasks that keep pace with you.</h1>
          <p className="mx-auto mt-6 max-w-2xl text-lg text-slate-600">
            Taskpilot is a calm, fast task list for people who ship. Capture work in seconds, see what is due, and
            upgrade once to Pro when your list outgrows the free plan.
          </p>
        </section>
        <section aria-labelledby="features-heading">
          <h2 id="features-heading">Features</h2>
          <ul className="grid gap-8 sm:grid-cols-2 lg:grid-cols-4">
            {features.map((feature) => (
              <li key={feature.title}>
                <h3 className="font-semibold">{feature.title}</h3>
                <p className="mt-2 text-sm text-slate-600">{feature.body}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>
      <footer className="border-t border-slate-200 py-8 text-center text-sm text-slate-500">© Taskpilot</footer>
    </div>
  );
}
