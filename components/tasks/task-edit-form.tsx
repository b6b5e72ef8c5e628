"use client";

import { useActionState } from "react";
import { updateTaskAction } from "@/app/(app)/tasks/actions";
import { Button } from "@/components/ui/button";
import { initialTaskFormState, type TaskFormState } from "@/lib/tasks/form-state";
import type { ListedTask } from "@/lib/tasks/types";
import { Spinner } from "./icons";
import { TaskFields } from "./task-fields";

interface TaskEditFormProps {
  task: ListedTask;
  onDone: (saved: boolean) => void;
}

/** Inline editor for one task. Refused input comes back in place with its errors; Escape cancels. */
export function TaskEditForm({ task, onDone }: TaskEditFormProps) {
  const [state, formAction, pending] = useActionState(async (previous: TaskFormState, formData: FormData) => {
    const next = await updateTaskAction(task.id, previous, formData);
    if (next.status === "saved") onDone(true);
    return next;
  }, initialTaskFormState);
  const values =
    state.status === "error"
      ? state.values
      : { title: task.title, description: task.description, priority: task.priority, dueDate: task.dueDate ?? "" };
  return (
    <form
      action={formAction}
      aria-label={`Edit “${task.title}”`}
      onKeyDown={(event) => {
        if (event.key === "Escape") onDone(false);
      }}
      className="space-y-3 rounded-xl border border-brand-100 bg-brand-50/40 p-4"
    >
      <div key={state.version}>
        <TaskFields
          idPrefix={`edit-${task.id}`}
          layout="edit"
          values={values}
          errors={state.errors}
          focus={state.status === "error" ? "error" : "title"}
        />
      </div>
      <div className="flex flex-wrap items-center justify-end gap-2">
        <p role="status" aria-live="polite" className="mr-auto text-sm text-red-700">
          {state.status === "error" ? state.message : null}
        </p>
        <Button type="button" variant="ghost" size="sm" onClick={() => onDone(false)}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending} className="inline-flex items-center gap-2">
          {pending ? <Spinner /> : null}
          {pending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
