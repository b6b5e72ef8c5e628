"use client";

import { useState } from "react";
import { formatDueDate } from "@/lib/tasks/dates";
import type { ListedTask } from "@/lib/tasks/types";
import { Icon } from "./icons";
import { TaskEditForm } from "./task-edit-form";

const priorityStyles = {
  low: "bg-slate-100 text-slate-700 ring-slate-200",
  medium: "bg-amber-50 text-amber-800 ring-amber-200",
  high: "bg-red-50 text-red-700 ring-red-200",
} as const;
const rowClass = "flex items-start gap-3 px-4 py-3 transition-colors hover:bg-slate-50";
const priorityBadgeClass = "rounded-full px-2 py-0.5 font-medium capitalize ring-1 ring-inset";

interface TaskItemProps {
  task: ListedTask;
  today: string;
  /** A change to it is on its way to the server. */
  pending: boolean;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onToggle: () => void;
  onDelete: () => void;
}

export function TaskItem({ task, today, pending, selected, onSelect, onToggle, onDelete }: TaskItemProps) {
  const [editing, setEditing] = useState(false);
  const overdue = !task.completed && task.dueDate !== null && task.dueDate < today;

  if (editing) {
    return (
      <li className="px-4 py-3">
        <TaskEditForm task={task} onDone={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li
      aria-busy={pending || undefined}
      className={`${rowClass} ${selected ? "bg-brand-50/60" : ""} ${pending ? "opacity-60" : ""}`}
    >
      <input
        type="checkbox"
        checked={selected}
        onChange={(event) => onSelect(event.target.checked)}
        aria-label={`Select “${task.title}”`}
        className="mt-1 size-4 shrink-0 rounded border-slate-300 accent-brand-600"
      />
      <button
        type="button"
        role="checkbox"
        aria-checked={task.completed}
        aria-label={`Complete “${task.title}”`}
        onClick={onToggle}
        disabled={pending}
        className={`mt-0.5 grid size-5 shrink-0 place-items-center rounded-full border-2 transition-colors ${
          task.completed
            ? "border-emerald-600 bg-emerald-600 text-white"
            : "border-slate-300 text-transparent hover:border-emerald-500 hover:text-emerald-500"
        }`}
      >
        <Icon name="check" className="size-3" />
      </button>
      <div className="min-w-0 flex-1">
        <p className={`font-medium break-words ${task.completed ? "text-slate-500 line-through" : "text-slate-900"}`}>
          {task.title}
        </p>
        {task.description ? (
          <p className="mt-0.5 line-clamp-2 text-sm break-words text-slate-600">{task.description}</p>
        ) : null}
        <div className="mt-1.5 flex flex-wrap items-center gap-2 text-xs">
          <span className={`${priorityBadgeClass} ${priorityStyles[task.priority]}`}>{task.priority}</span>
          {task.dueDate ? (
            <span
              className={`inline-flex items-center gap-1 ${overdue ? "font-medium text-red-700" : "text-slate-600"}`}
            >
              <Icon name="calendar" className="size-3.5" />
              {overdue ? "Overdue · " : "Due "}
              <time dateTime={task.dueDate}>{formatDueDate(task.dueDate, today)}</time>
            </span>
          ) : null}
        </div>
      </div>
      <div className="flex shrink-0 gap-1">
        <button
          type="button"
          onClick={() => setEditing(true)}
          aria-label={`Edit “${task.title}”`}
          title="Edit"
          className="rounded-lg p-2 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
        >
          <Icon name="pencil" />
        </button>
        <button
          type="button"
          onClick={onDelete}
          aria-label={`Delete “${task.title}”`}
          title="Delete"
          className="rounded-lg p-2 text-slate-500 hover:bg-red-50 hover:text-red-700"
        >
          <Icon name="trash" />
        </button>
      </div>
    </li>
  );
}
