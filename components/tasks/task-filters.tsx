"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import { buttonClasses } from "@/components/ui/button";
import {
  dueFilters,
  hasFilters,
  SEARCH_MAX,
  statusFilters,
  taskListHref,
  taskSorts,
  type TaskListParams,
} from "@/lib/tasks/list-view";
import { Icon, Spinner } from "./icons";

type ViewParams = Omit<TaskListParams, "after" | "cursor">;

const statusLabels = { all: "All", open: "Open", done: "Done" } as const;
const dueLabels = {
  any: "Any due date",
  overdue: "Overdue",
  today: "Due today",
  week: "Due in the next 7 days",
} as const;
const sortLabels = { newest: "Newest first", due: "Due date", priority: "Priority" } as const;

/**
 * Search, filters and sort, all kept in the URL: every view is a link that can be shared, and
 * back/forward walk through them. Changing any of them starts again from the first page.
 */
export function TaskFilters({ params }: { params: ViewParams }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const go = (changes: Partial<ViewParams>) =>
    startTransition(() => router.push(taskListHref({ ...params, ...changes, cursor: null })));
  // The box follows the URL (back, forward, "Clear filters") without being re-mounted, so a search
  // submitted from it keeps the keyboard focus there.
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (searchRef.current) searchRef.current.value = params.q;
  }, [params.q]);

  return (
    <div className="flex flex-col gap-3 lg:flex-row lg:items-center">
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          go({ q: String(new FormData(event.currentTarget).get("q") ?? "").trim() });
        }}
        className="relative flex-1"
      >
        <label htmlFor="task-search" className="sr-only">
          Search tasks
        </label>
        <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-slate-400">
          {pending ? <Spinner /> : <Icon name="search" />}
        </span>
        <input
          ref={searchRef}
          id="task-search"
          name="q"
          type="search"
          defaultValue={params.q}
          maxLength={SEARCH_MAX}
          placeholder="Search titles and notes — press Enter"
          className="form-input pl-9"
        />
      </form>
      <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:items-center">
        <nav aria-label="Status" className="status-filter">
          {statusFilters.map((status) => (
            <Link
              key={status}
              href={taskListHref({ ...params, status, cursor: null })}
              aria-current={params.status === status ? "page" : undefined}
            >
              {statusLabels[status]}
            </Link>
          ))}
        </nav>
        <label htmlFor="task-due" className="sr-only">
          Due date filter
        </label>
        <select
          id="task-due"
          value={params.due}
          onChange={(event) => go({ due: event.target.value as ViewParams["due"] })}
          className="form-input min-w-0 sm:w-auto"
        >
          {dueFilters.map((due) => (
            <option key={due} value={due}>
              {dueLabels[due]}
            </option>
          ))}
        </select>
        <label htmlFor="task-sort" className="sr-only">
          Sort by
        </label>
        <select
          id="task-sort"
          value={params.sort}
          onChange={(event) => go({ sort: event.target.value as ViewParams["sort"] })}
          className="form-input min-w-0 sm:w-auto"
        >
          {taskSorts.map((sort) => (
            <option key={sort} value={sort}>
              {sortLabels[sort]}
            </option>
          ))}
        </select>
        {hasFilters(params) ? (
          <Link
            href={taskListHref({ sort: params.sort, limit: params.limit })}
            className={buttonClasses({ variant: "ghost-brand", size: "sm", className: "max-sm:col-span-2" })}
          >
            Clear filters
          </Link>
        ) : null}
      </div>
    </div>
  );
}
