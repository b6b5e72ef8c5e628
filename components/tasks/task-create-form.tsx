"use client";

import { useActionState, useState } from "react";
import { createTaskAction } from "@/app/(app)/tasks/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { initialTaskFormState } from "@/lib/tasks/form-state";
import { Spinner } from "./icons";
import { PlanLimitPrompt } from "./plan-limit-prompt";
import { TaskFields } from "./task-fields";

const formId = "new-task-form";

/**
 * Adding a task starts from one title field beside its button, so on a phone the list is on the
 * first screen. "More options" opens the full form (priority, due date, notes); those fields are
 * rendered only while it is open, so a closed form sends only the title and the task takes the
 * defaults, and the page carries less.
 */
export function TaskCreateForm({ freeLimit }: { freeLimit: number | null }) {
  const [state, formAction, pending] = useActionState(createTaskAction, initialTaskFormState);
  const [open, setOpen] = useState(false);
  const submit = (
    <Button type="submit" disabled={pending} className="inline-flex shrink-0 items-center gap-2">
      {pending ? <Spinner /> : null}
      {pending ? "Adding…" : "Add task"}
    </Button>
  );
  return (
    <Card aria-labelledby="new-task-heading" className="p-4 shadow-sm sm:p-5">
      <div className="mb-2 flex items-center justify-between gap-3">
        <h2 id="new-task-heading" className="text-base font-semibold">
          Add a task
        </h2>
        <Button
          variant="ghost-brand"
          size="xs"
          aria-expanded={open}
          aria-controls={formId}
          onClick={() => setOpen(!open)}
          className="-mr-3"
        >
          {open ? "Fewer options" : "More options"}
        </Button>
      </div>
      <form id={formId} action={formAction}>
        {/* Re-mounting the fields on each answer applies the returned values: cleared when saved,
            kept when refused. */}
        <div className={open ? undefined : "flex items-start gap-2"}>
          <div key={state.version} className={open ? undefined : "min-w-0 flex-1"}>
            <TaskFields
              idPrefix="new-task"
              layout={open ? "create" : "create-title"}
              values={state.values}
              errors={state.errors}
              focus={state.status === "error" ? "error" : state.status === "saved" ? "title" : "none"}
            />
          </div>
          {open ? null : submit}
        </div>
        <div className={open ? "mt-4 flex flex-wrap items-center justify-between gap-3" : undefined}>
          <p role="status" aria-live="polite" className={open ? "min-h-5 text-sm" : "text-sm not-empty:mt-2"}>
            {state.status === "saved" ? <span className="text-emerald-700">{state.message}</span> : null}
            {state.status === "error" && state.error !== "plan_limit" ? (
              <span className="text-red-700">{state.message}</span>
            ) : null}
          </p>
          {open ? <div className="ml-auto">{submit}</div> : null}
        </div>
        <div aria-live="polite">
          {state.error === "plan_limit" && freeLimit ? (
            <div className="mt-4">
              <PlanLimitPrompt limit={freeLimit} action="add" />
            </div>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
