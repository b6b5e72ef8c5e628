import type { Metadata } from "next";
import { TaskCreateForm } from "@/components/tasks/task-create-form";
import { TaskFilters } from "@/components/tasks/task-filters";
import { TaskList } from "@/components/tasks/task-list";
import { TaskPagination } from "@/components/tasks/task-pagination";
import { UsageMeter } from "@/components/tasks/usage-meter";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { encodeCursor } from "@/lib/tasks/cursor";
import { todayUtc } from "@/lib/tasks/dates";
import { parseTaskListParams } from "@/lib/tasks/list-params";
import { hasFilters, taskListHref } from "@/lib/tasks/list-view";
import { getTaskUsage, listTasks } from "@/lib/tasks/queries";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage({ searchParams }: PageProps<"/tasks">) {
  const userId = await requireUser();
  const params = parseTaskListParams(await searchParams);
  const today = todayUtc();
  const [page, usage] = await Promise.all([listTasks(db, userId, { ...params, today }), getTaskUsage(db, userId)]);
  const tasks = page.tasks.map(({ id, title, description, priority, dueDate, completed }) => ({
    id,
    title,
    description,
    priority,
    dueDate,
    completed,
  }));
  const view = { q: params.q, status: params.status, due: params.due, sort: params.sort, limit: params.limit };
  return (
    <div className="space-y-4 sm:space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-2">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Tasks</h1>
          <p className="mt-1 text-sm text-slate-600 max-sm:hidden">
            Everything on your plate, newest first unless you say otherwise.
          </p>
        </div>
        <UsageMeter usage={usage} />
      </div>
      <TaskCreateForm freeLimit={usage.limit} />
      <section aria-labelledby="task-list-heading" className="space-y-4">
        <h2 id="task-list-heading" className="sr-only">
          Your tasks
        </h2>
        <TaskFilters params={view} />
        <TaskList
          key={taskListHref(params)}
          tasks={tasks}
          today={today}
          freeLimit={usage.limit}
          filtered={hasFilters(params) || params.cursor !== null}
        />
        <TaskPagination params={params} count={tasks.length} nextCursor={page.next ? encodeCursor(page.next) : null} />
      </section>
    </div>
  );
}
