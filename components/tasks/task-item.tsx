"use client";

import { useEffect, useRef, useState } from "react";
import { formatDueDate } from "@/lib/tasks/dates";
import type { ListedTask } from "@/lib/tasks/types";
import { TaskEditForm } from "./task-edit-form";

interface TaskItemProps {
  task: ListedTask;
  today: string;
  /** A change to it is on its way to the server. */
  pending: boolean;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onToggle: () => void;
  onDelete: () => void;
  /** The row should take the keyboard focus (on its Delete button), e.g. once an undo brought it back. */
  focusRequested: boolean;
  onFocused: () => void;
}

export function TaskItem({
  task,
  today,
  pending,
  selected,
  onSelect,
  onToggle,
  onDelete,
  focusRequested,
  onFocused,
}: TaskItemProps) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  /** Set when the editor closes: focus goes back to the row's Edit button, where the edit started. */
  const returnFocus = useRef(false);
  const overdue = !task.completed && task.dueDate !== null && task.dueDate < today;

  useEffect(() => {
    if (editing || !returnFocus.current) return;
    returnFocus.current = false;
    editButton.current?.focus();
  }, [editing]);

  useEffect(() => {
    if (!focusRequested || editing) return;
    deleteButton.current?.focus();
    onFocused();
  }, [focusRequested, editing, onFocused]);

  if (editing) {
    return (
      <li className="px-4 py-3">
        <TaskEditForm
          task={task}
          onDone={() => {
            returnFocus.current = true;
            setEditing(false);
          }}
        />
      </li>
    );
  }
  return (
    <li
      aria-busy={pending || undefined}
      data-selected={selected || undefined}
      data-completed={task.completed || undefined}
      className="task-row"
    >
      <input
        type="checkbox"
        checked={selected}
        onChange={(event) => onSelect(event.target.checked)}
        aria-label={`Select “${task.title}”`}
        className="task-select"
      />
      <button
        type="button"
        role="checkbox"
        aria-checked={task.completed}
        aria-label={`Complete “${task.title}”`}
        // aria-disabled, not disabled: a disabled button drops the keyboard focus while the change is saved.
        aria-disabled={pending || undefined}
        onClick={pending ? undefined : onToggle}
        className="task-toggle"
      />
      <p className="task-title">{task.title}</p>
      {task.description ? <p className="task-notes">{task.description}</p> : null}
      <div className="task-meta">
        <span className="task-priority" data-priority={task.priority}>
          {task.priority}
        </span>
        {task.dueDate ? (
          <span className="task-due" data-overdue={overdue || undefined}>
            {overdue ? "Overdue · " : "Due "}
            <time dateTime={task.dueDate}>{formatDueDate(task.dueDate, today)}</time>
          </span>
        ) : null}
      </div>
      <button
        ref={editButton}
        type="button"
        onClick={() => setEditing(true)}
        aria-label={`Edit “${task.title}”`}
        title="Edit"
        className="task-edit"
      />
      <button
        ref={deleteButton}
        type="button"
        onClick={onDelete}
        aria-label={`Delete “${task.title}”`}
        title="Delete"
        className="task-delete"
      />
    </li>
  );
}
