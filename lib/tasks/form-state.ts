import type { ActionResult, BaseActionError } from "@/lib/safe-action";
import type { TaskErrorCode } from "./errors";
import { taskFormFields, type TaskFormField } from "./fields";

/** Every refusal a task action can give. */
export type TaskActionError = TaskErrorCode | BaseActionError;

/** What the create and edit forms get back from their Server Action (through useActionState). */
export interface TaskFormState {
  status: "idle" | "saved" | "error";
  error: TaskActionError | null;
  errors: Partial<Record<TaskFormField, string[]>>;
  message: string;
  /** What the user typed, so a refused form comes back filled in. */
  values: Partial<Record<TaskFormField, string>>;
  /** Changes with every answer; the form re-mounts on it to take the new default values. */
  version: number;
}

export const initialTaskFormState: TaskFormState = {
  status: "idle",
  error: null,
  errors: {},
  message: "",
  values: {},
  version: 0,
};

type TaskFormInput = Partial<Record<TaskFormField, FormDataEntryValue | null>>;

/** The task fields of a submitted form. Anything but FormData (a forged call) reads as empty. */
export function readTaskForm(formData: unknown): TaskFormInput {
  if (!(formData instanceof FormData)) return {};
  return Object.fromEntries(taskFormFields.map((field) => [field, formData.get(field)]));
}

export function toTaskFormState(
  result: ActionResult<unknown, TaskErrorCode>,
  input: TaskFormInput,
  previous: unknown,
  savedMessage: string,
): TaskFormState {
  const lastVersion = (previous as Partial<TaskFormState> | null)?.version;
  const version = (typeof lastVersion === "number" && Number.isSafeInteger(lastVersion) ? lastVersion : 0) + 1;
  if (result.ok) return { ...initialTaskFormState, status: "saved", message: savedMessage, version };
  const values = Object.fromEntries(
    Object.entries(input).filter((entry): entry is [TaskFormField, string] => typeof entry[1] === "string"),
  );
  const errors = Object.fromEntries(
    taskFormFields.flatMap((field) => (result.fieldErrors?.[field] ? [[field, result.fieldErrors[field]]] : [])),
  );
  return { status: "error", error: result.error, errors, message: result.message, values, version };
}
