import { cardClasses } from "@/components/ui/card";

/**
 * Shown while the list loads on a navigation. Two plain blocks: it is sent with every page, so it stays
 * a few hundred bytes rather than a detailed copy of the list.
 */
export default function TasksLoading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <div className="h-8 w-28 animate-pulse rounded-lg bg-slate-200" />
      <div className={cardClasses("h-96 animate-pulse")} />
      <p className="sr-only" role="status">
        Loading your tasks…
      </p>
    </div>
  );
}
