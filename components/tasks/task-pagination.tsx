import Link from "next/link";
import { LinkPending } from "@/components/link-pending";
import { buttonClasses } from "@/components/ui/button";
import { taskListHref, type TaskListParams } from "@/lib/tasks/list-view";

/**
 * Forward-only keyset paging: "Next" carries the cursor, "First page" drops it, and the browser's
 * back button returns to earlier pages because each one is its own URL.
 */
export function TaskPagination({
  params,
  count,
  nextCursor,
}: {
  params: TaskListParams;
  count: number;
  nextCursor: string | null;
}) {
  if (!params.cursor && !nextCursor) return null;
  const linkClass = buttonClasses({ variant: "secondary", size: "sm", className: "shadow-xs" });
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-3 text-sm">
      <p className="text-slate-600">
        Showing {count} {count === 1 ? "task" : "tasks"}
        {params.cursor ? " (continued)" : ""}
      </p>
      <div className="flex gap-2">
        {params.cursor ? (
          <Link href={taskListHref({ ...params, cursor: null })} className={linkClass}>
            First page
            <LinkPending />
          </Link>
        ) : null}
        {nextCursor ? (
          <Link href={taskListHref({ ...params, cursor: nextCursor })} className={linkClass}>
            Next page →
            <LinkPending />
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
