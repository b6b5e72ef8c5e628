"use client";

import { useCallback, useOptimistic, useRef, useState, useTransition } from "react";
import {
  bulkCompleteTasksAction,
  deleteTaskAction,
  restoreTaskAction,
  toggleTaskAction,
} from "@/app/(app)/tasks/actions";
import { Button } from "@/components/ui/button";
import { cardClasses } from "@/components/ui/card";
import type { ActionResult } from "@/lib/safe-action";
import type { TaskErrorCode } from "@/lib/tasks/errors";
import type { RestorableTask } from "@/lib/tasks/schemas";
import type { ListedTask } from "@/lib/tasks/types";
import { EmptyState } from "./empty-state";
import { Spinner } from "./icons";
import { TaskItem } from "./task-item";
import { TaskNotice, type Notice } from "./task-notice";

const toolbarClass = [
  "flex min-h-12 flex-wrap items-center gap-3",
  "border-b border-slate-200 bg-slate-50/80 px-4 py-2 text-sm pointer-coarse:py-0.5",
].join(" ");

const clearButtonClass = "rounded-lg px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-200 pointer-coarse:min-h-11";

type Change =
  | { type: "toggle"; id: string; completed: boolean }
  | { type: "delete"; id: string }
  | { type: "complete"; ids: string[] };
type ShownTask = ListedTask & { pending?: boolean };

/** The optimistic view: React drops it when the action ends and shows the server's list instead. */
function applyChange(tasks: ShownTask[], change: Change): ShownTask[] {
  switch (change.type) {
    case "toggle":
      return tasks.map((task) =>
        task.id === change.id ? { ...task, completed: change.completed, pending: true } : task,
      );
    case "delete":
      return tasks.filter((task) => task.id !== change.id);
    case "complete":
      return tasks.map((task) => (change.ids.includes(task.id) ? { ...task, completed: true, pending: true } : task));
  }
}

interface TaskListProps {
  tasks: ListedTask[];
  today: string;
  freeLimit: number | null;
  /**
   * The view is narrowed by a search, a filter or a later page: what to say when nothing is left to
   * list. The list stays mounted then, so its undo message survives.
   */
  filtered: boolean;
}

export function TaskList({ tasks, today, freeLimit, filtered }: TaskListProps) {
  const [shown, change] = useOptimistic<ShownTask[], Change>(tasks, applyChange);
  const [, startTransition] = useTransition();
  const [bulkPending, startBulk] = useTransition();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  /** A task brought back by undo takes the focus once its row is on screen again. */
  const [focusTaskId, setFocusTaskId] = useState<string | null>(null);
  const clearFocusTask = useCallback(() => setFocusTaskId(null), []);
  const selectAll = useRef<HTMLInputElement>(null);
  const selectedIds = shown.filter((task) => selected.has(task.id) && !task.completed).map((task) => task.id);
  const allSelected = shown.length > 0 && shown.every((task) => selected.has(task.id));

  /** Runs a change optimistically; a refusal or a failure rolls it back and says why. */
  function run<Data>(
    optimistic: Change,
    call: () => Promise<ActionResult<Data, TaskErrorCode>>,
    failure: string,
    onDone?: (data: Data) => void,
  ) {
    const start = optimistic.type === "complete" ? startBulk : startTransition;
    start(async () => {
      change(optimistic);
      try {
        const result = await call();
        if (result.ok) onDone?.(result.data);
        else
          setNotice({
            tone: "error",
            text: failure,
            refusal: result,
            limitAction: optimistic.type === "toggle" ? "reopen" : "add",
          });
      } catch {
        setNotice({ tone: "error", text: failure, refusal: null });
      }
    });
  }

  function toggle(task: ShownTask) {
    const completed = !task.completed;
    run(
      { type: "toggle", id: task.id, completed },
      () => toggleTaskAction(task.id, completed),
      `Couldn’t ${completed ? "complete" : "reopen"} “${task.title}”.`,
    );
  }

  function remove(task: ShownTask) {
    run(
      { type: "delete", id: task.id },
      () => deleteTaskAction(task.id),
      `Couldn’t delete “${task.title}”.`,
      (snapshot) => setNotice({ tone: "info", text: `Deleted “${task.title}”.`, undo: snapshot }),
    );
  }

  function completeSelected() {
    const ids = selectedIds;
    run(
      { type: "complete", ids },
      () => bulkCompleteTasksAction(ids),
      "Couldn’t complete the selected tasks.",
      ({ completed }) => {
        // The bulk buttons go away with the selection: the focus waits on "Select all" instead.
        selectAll.current?.focus();
        setSelected(new Set());
        setNotice({ tone: "info", text: `Completed ${completed} ${completed === 1 ? "task" : "tasks"}.` });
      },
    );
  }

  async function undo(snapshot: RestorableTask) {
    const failure = `Couldn’t bring back “${snapshot.title}”.`;
    try {
      const result = await restoreTaskAction(snapshot);
      if (result.ok) setFocusTaskId(snapshot.id);
      setNotice(
        result.ok
          ? { tone: "info", text: `Restored “${snapshot.title}”.` }
          : { tone: "error", text: failure, refusal: result, limitAction: "restore" },
      );
    } catch {
      setNotice({ tone: "error", text: failure, refusal: null });
    }
  }

  function select(id: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  return (
    <>
      {shown.length > 0 ? (
        <div className={cardClasses("overflow-hidden shadow-sm")}>
          <div className={toolbarClass}>
            <label className="inline-flex items-center gap-2 text-slate-700 pointer-coarse:min-h-11">
              <input
                ref={selectAll}
                type="checkbox"
                checked={allSelected}
                onChange={(event) =>
                  setSelected(event.target.checked ? new Set(shown.map((task) => task.id)) : new Set())
                }
                className="size-4 rounded border-slate-300 accent-brand-600"
              />
              Select all on this page
            </label>
            {selected.size > 0 ? (
              <div className="ml-auto flex flex-wrap items-center justify-end gap-2 whitespace-nowrap">
                <span className="text-slate-600">{selectedIds.length} open selected</span>
                <button type="button" onClick={() => setSelected(new Set())} className={clearButtonClass}>
                  Clear
                </button>
                <Button
                  type="button"
                  size="xs"
                  onClick={completeSelected}
                  disabled={bulkPending || selectedIds.length === 0}
                  className="inline-flex items-center gap-2 pointer-coarse:min-h-11"
                >
                  {bulkPending ? <Spinner /> : null}
                  {bulkPending ? "Completing…" : "Mark selected complete"}
                </Button>
              </div>
            ) : null}
          </div>
          <ul className="divide-y divide-slate-100">
            {shown.map((task) => (
              <TaskItem
                key={task.id}
                task={task}
                today={today}
                pending={task.pending ?? false}
                selected={selected.has(task.id)}
                onSelect={(on) => select(task.id, on)}
                onToggle={() => toggle(task)}
                onDelete={() => remove(task)}
                focusRequested={task.id === focusTaskId}
                onFocused={clearFocusTask}
              />
            ))}
          </ul>
        </div>
      ) : (
        <EmptyState filtered={filtered} />
      )}
      <TaskNotice notice={notice} freeLimit={freeLimit} onUndo={undo} onDismiss={() => setNotice(null)} />
    </>
  );
}
