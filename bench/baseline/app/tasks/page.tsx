import Link from "next/link";
import { z } from "zod";
import { sql } from "../../lib/db";

/** The cursor the product puts in its URLs (lib/tasks/cursor.ts), newest-first order only. */
const cursorSchema = z.object({ sort: z.literal("newest"), createdAt: z.iso.datetime({ precision: 6 }), id: z.uuid() });

const querySchema = z.object({
  user: z.string().regex(/^user_\w+$/, "expected ?user=user_…"),
  limit: z.coerce.number().int().min(1).max(100),
  cursor: z
    .string()
    .transform((encoded) => cursorSchema.parse(JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"))))
    .optional(),
});

interface TaskRow {
  id: string;
  title: string;
  completed: boolean;
  priority: "low" | "medium" | "high";
  due_date: string | null;
  to_char: string;
}

// The statements Drizzle sends for the product's page (lib/tasks/queries.ts: listTasks newest first, and
// getTaskUsage for the plan meter), text for text.
const selectList =
  'select "id", "user_id", "title", "description", "completed", "priority", "due_date", "created_at", "updated_at", ' +
  'to_char("created_at" at time zone \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS.US"Z"\') from "tasks"';
const order = 'order by "tasks"."created_at" desc nulls last, "tasks"."id" desc nulls last';
const firstPageSql = `${selectList} where "tasks"."user_id" = $1 ${order} limit $2`;
const laterPageSql =
  `${selectList} where ("tasks"."user_id" = $1 and ` +
  `("tasks"."created_at", "tasks"."id") < ($2::timestamptz, $3::uuid)) ${order} limit $4`;
const usageSql = 'select "plan", "open_tasks" from "users" where "users"."id" = $1';

interface UsageRow {
  plan: "free" | "pro";
  open_tasks: number;
}

const priorityStyles = {
  low: "bg-slate-100 text-slate-700",
  medium: "bg-amber-100 text-amber-800",
  high: "bg-red-100 text-red-800",
} as const;

/** The product's tasks list without auth: the user comes from the query string. */
export default async function TasksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { user, limit, cursor } = querySchema.parse(await searchParams);
  // One row more than shown tells whether a next page exists, as in the product; both statements run at once, as
  // there. Unnamed statements, as Drizzle sends them: a named one may switch to a generic plan the product never gets.
  const [rows, [usage]] = await Promise.all([
    cursor
      ? sql().unsafe<TaskRow[]>(laterPageSql, [user, cursor.createdAt, cursor.id, limit + 1])
      : sql().unsafe<TaskRow[]>(firstPageSql, [user, limit + 1]),
    sql().unsafe<UsageRow[]>(usageSql, [user]),
  ]);
  const tasks = rows.slice(0, limit);
  const last = tasks.at(-1);
  const next =
    rows.length > limit && last
      ? Buffer.from(JSON.stringify({ sort: "newest", createdAt: last.to_char, id: last.id })).toString("base64url")
      : null;
  return (
    <main>
      <h1 className="text-2xl font-bold tracking-tight">Tasks</h1>
      <p>
        {usage?.open_tasks ?? 0} open tasks on the {usage?.plan ?? "free"} plan
      </p>
      <ul data-rows={tasks.length} className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white">
        {tasks.map((task) => (
          <li key={task.id} className="flex items-center justify-between gap-4 px-5 py-3">
            <div className="min-w-0">
              <p className={`truncate font-medium ${task.completed ? "text-slate-400 line-through" : ""}`}>
                {task.title}
              </p>
              {task.due_date ? <p className="text-xs text-slate-500">Due {task.due_date}</p> : null}
            </div>
            <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${priorityStyles[task.priority]}`}>
              {task.priority}
            </span>
          </li>
        ))}
      </ul>
      {next ? <Link href={`/tasks?user=${user}&limit=${limit}&cursor=${next}`}>Next page</Link> : null}
    </main>
  );
}
