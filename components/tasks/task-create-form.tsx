"use client";

import { useActionState } from "react";
import { createTaskAction } from "@/app/(app)/tasks/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { initialTaskFormState } from "@/lib/tasks/form-state";
import { Spinner } from "./icons";
import { PlanLimitPrompt } from "./plan-limit-prompt";
import { TaskFields } from "./task-fields";

export function TaskCreateForm({ freeLimit }: { freeLimit: number | null }) {
  const [state, formAction, pending] = useActionState(createTaskAction, initialTaskFormState);
  return (
    <Card aria-labelledby="new-task-heading" className="p-5 shadow-sm">
      <h2 id="new-task-heading" className="mb-3 text-base font-semibold">
        Add a task
      </h2>
      <form action={formAction}>
        {/* Re-mounting the fields on each answer applies the returned values: cleared when saved,
            kept when refused. */}
        <div key={state.version}>
          <TaskFields
            idPrefix="new-task"
            layout="create"
            values={state.values}
            errors={state.errors}
            focus={state.status === "error" ? "error" : state.status === "saved" ? "title" : "none"}
          />
        </div>
        <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
          <p role="status" aria-live="polite" className="min-h-5 text-sm">
            {state.status === "saved" ? <span className="text-emerald-700">{state.message}</span> : null}
            {state.status === "error" && state.error !== "plan_limit" ? (
              <span className="text-red-700">{state.message}</span>
            ) : null}
          </p>
          <Button type="submit" disabled={pending} className="ml-auto inline-flex items-center gap-2">
            {pending ? <Spinner /> : null}
            {pending ? "Adding…" : "Add task"}
          </Button>
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
