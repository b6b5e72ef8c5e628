import { cardClasses } from "@/components/ui/card";

/** Skeletons in the shape of the page, so nothing jumps when the list arrives. */
export default function TasksLoading() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading tasks">
      <div className="flex items-end justify-between gap-4">
        <div className="space-y-2">
          <div className="h-7 w-28 animate-pulse rounded-lg bg-slate-200" />
          <div className="h-4 w-72 animate-pulse rounded bg-slate-200" />
        </div>
        <div className="h-8 w-56 animate-pulse rounded-lg bg-slate-200" />
      </div>
      <div className={cardClasses("h-48 animate-pulse")} />
      <div className="h-10 animate-pulse rounded-lg bg-slate-200" />
      <ul className={cardClasses("divide-y divide-slate-100")}>
        {Array.from({ length: 6 }, (_, index) => (
          <li key={index} className="flex items-start gap-3 px-4 py-4">
            <div className="size-5 animate-pulse rounded-full bg-slate-200" />
            <div className="flex-1 space-y-2">
              <div className="h-4 w-2/5 animate-pulse rounded bg-slate-200" />
              <div className="h-3 w-3/5 animate-pulse rounded bg-slate-100" />
            </div>
          </li>
        ))}
      </ul>
      <span className="sr-only" role="status">
        Loading your tasks…
      </span>
    </div>
  );
}
