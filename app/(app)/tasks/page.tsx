import type { Metadata } from "next";
import { listTasks } from "@/db/queries/tasks";
import { requireUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Tasks" };

const priorityStyles = { low: "bg-slate-100 text-slate-700", medium: "bg-amber-100 text-amber-800", high: "bg-red-100 text-red-800" } as const;

export default async function TasksPage() {
  const userId = await requireUser();
  const tasks = await listTasks(userId);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Tasks</h1>
      {tasks.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">No tasks yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white">
          {tasks.map((task) => (
            <li key={task.id} className="flex items-center justify-between gap-4 px-5 py-3">
              <div className="min-w-0">
                <p className={`truncate font-medium ${task.completed ? "text-slate-400 line-through" : ""}`}>{task.title}</p>
                {task.dueDate ? <p className="text-xs text-slate-500">Due {task.dueDate}</p> : null}
              </div>
              <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${priorityStyles[task.priority]}`}>{task.priority}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
