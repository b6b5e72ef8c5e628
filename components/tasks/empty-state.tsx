import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Icon } from "./icons";

/** No tasks at all is a fresh start; no tasks for a search or filter is a hint to widen it. */
export function EmptyState({ filtered }: { filtered: boolean }) {
  return (
    <div className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-14 text-center">
      <span className="mx-auto grid size-12 place-items-center rounded-full bg-brand-50 text-brand-600">
        <Icon name={filtered ? "search" : "inbox"} className="size-6" />
      </span>
      <h2 className="mt-4 text-base font-semibold text-slate-900">
        {filtered ? "No tasks match this view" : "Nothing on your list yet"}
      </h2>
      <p className="mx-auto mt-1 max-w-sm text-sm text-slate-600">
        {filtered
          ? "Try fewer words, another filter, or clear them to see everything."
          : "Add your first task above. Give it a due date and it shows up under “Due today” when the day comes."}
      </p>
      {filtered ? (
        <Link
          href="/tasks"
          className={buttonClasses({ variant: "ghost-brand", size: "sm", className: "mt-4 inline-block" })}
        >
          Clear search and filters
        </Link>
      ) : null}
    </div>
  );
}
