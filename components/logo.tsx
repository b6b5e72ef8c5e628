import Link from "next/link";

/** The mark and the name; app/globals.css draws the mark (`.logo`), so every page's markup carries no drawing. */
export function Logo({ href = "/" }: { href?: "/" | "/tasks" }) {
  return (
    <Link href={href} className="logo">
      Taskpilot
    </Link>
  );
}
