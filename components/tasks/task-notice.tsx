"use client";

import { useEffect, useRef, useTransition } from "react";
import type { ErrorBody } from "@/lib/errors";
import type { TaskActionError } from "@/lib/tasks/form-state";
import type { RestorableTask } from "@/lib/tasks/schemas";
import { Spinner } from "./icons";
import { PlanLimitPrompt } from "./plan-limit-prompt";

export interface Notice {
  tone: "info" | "error";
  text: string;
  /** Why the server refused; null when the request failed outright. */
  refusal?: ErrorBody<TaskActionError> | null;
  limitAction?: "add" | "reopen" | "restore";
  undo?: RestorableTask;
}

interface TaskNoticeProps {
  notice: Notice | null;
  freeLimit: number | null;
  onUndo: (task: RestorableTask) => Promise<void>;
  onDismiss: () => void;
}

const undoButtonClass = [
  "inline-flex items-center gap-2 rounded-lg bg-white/10 px-3 py-1.5 font-semibold text-white",
  "hover:bg-white/20 disabled:opacity-70 pointer-coarse:min-h-11",
].join(" ");

/** The list's one live region: outcomes of toggles, deletes (with undo) and bulk changes. It stays until dismissed. */
export function TaskNotice({ notice, freeLimit, onUndo, onDismiss }: TaskNoticeProps) {
  const [undoing, startUndo] = useTransition();
  const limited = notice?.refusal?.error === "plan_limit" && freeLimit !== null;
  const undoButton = useRef<HTMLButtonElement>(null);
  // The deleted row took the focus with it; Undo is where it goes, one key away from bringing the task back.
  useEffect(() => {
    if (notice?.undo) undoButton.current?.focus();
  }, [notice]);
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-6 z-20 flex justify-center px-4"
    >
      {notice ? (
        <div
          className={`pointer-events-auto flex w-full max-w-xl flex-col gap-3 rounded-xl border p-3 shadow-lg ${
            notice.tone === "error" ? "border-red-200 bg-white" : "border-slate-800 bg-slate-900 text-white"
          }`}
        >
          <div className="flex items-center gap-3 text-sm">
            <p className={`flex-1 ${notice.tone === "error" ? "text-red-800" : ""}`}>
              {notice.text}{" "}
              {notice.tone === "error" && !limited
                ? (notice.refusal?.message ?? "Something went wrong on our side. Please try again.")
                : null}
            </p>
            {notice.undo ? (
              <button
                ref={undoButton}
                type="button"
                disabled={undoing}
                onClick={() => {
                  const task = notice.undo as RestorableTask;
                  startUndo(() => onUndo(task));
                }}
                className={undoButtonClass}
              >
                {undoing ? <Spinner /> : null}
                {undoing ? "Restoring…" : "Undo"}
              </button>
            ) : null}
            <button
              type="button"
              onClick={onDismiss}
              aria-label="Dismiss message"
              className={`rounded-lg px-2 py-1 pointer-coarse:min-h-11 pointer-coarse:min-w-11 ${
                notice.tone === "error" ? "text-slate-500 hover:bg-slate-100" : "text-slate-300 hover:bg-white/10"
              }`}
            >
              ✕
            </button>
          </div>
          {limited ? <PlanLimitPrompt limit={freeLimit} action={notice.limitAction ?? "add"} /> : null}
        </div>
      ) : null}
    </div>
  );
}
