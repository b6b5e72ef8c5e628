import { DESCRIPTION_MAX, TITLE_MAX, taskFormFields, type TaskFormField } from "@/lib/tasks/fields";

export type TaskFieldValues = Partial<Record<TaskFormField, string>>;
export type TaskFieldErrors = Partial<Record<TaskFormField, string[]>>;

interface TaskFieldsProps {
  /** Keeps ids unique when several forms are on the page. */
  idPrefix: string;
  values: TaskFieldValues;
  errors: TaskFieldErrors;
  /** Focus the first field with an error (after a refused submit), or the title (ready for the next task). */
  focus: "error" | "title" | "none";
  /** "create-title" is the compact create form: the title alone, its label read out but not shown. */
  layout: "create" | "create-title" | "edit";
}

const layoutClasses = {
  create: "grid gap-3 sm:grid-cols-[1fr_9rem_11rem]",
  "create-title": undefined,
  edit: "grid gap-3 sm:grid-cols-2",
} as const;

const labelClass = "mb-1 block text-sm font-medium text-slate-700";

function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {messages[0]}
    </p>
  );
}

/**
 * The title, notes, priority and due date inputs, shared by the create and edit forms. The title keeps
 * its place in every layout, so opening the full create form keeps what was typed.
 */
export function TaskFields({ idPrefix, values, errors, focus, layout }: TaskFieldsProps) {
  const firstError = taskFormFields.find((field) => errors[field]?.length);
  const id = (field: TaskFormField) => `${idPrefix}-${field}`;
  const a11y = (field: TaskFormField) => ({
    id: id(field),
    name: field,
    "aria-invalid": errors[field]?.length ? true : undefined,
    "aria-describedby": errors[field]?.length ? `${id(field)}-error` : undefined,
    autoFocus: (focus === "error" && firstError === field) || (focus === "title" && field === "title"),
  });
  return (
    <div className={layoutClasses[layout]}>
      <div className={layout === "edit" ? "sm:col-span-2" : undefined}>
        <label htmlFor={id("title")} className={layout === "create-title" ? "sr-only" : labelClass}>
          Title
        </label>
        <input
          {...a11y("title")}
          type="text"
          required
          maxLength={TITLE_MAX}
          defaultValue={values.title ?? ""}
          placeholder="What needs doing?"
          className="form-input"
        />
        <FieldError id={`${id("title")}-error`} messages={errors.title} />
      </div>
      {layout === "create-title" ? null : (
        <>
          <div>
            <label htmlFor={id("priority")} className={labelClass}>
              Priority
            </label>
            <select {...a11y("priority")} defaultValue={values.priority ?? "medium"} className="form-input">
              <option value="low">Low</option>
              <option value="medium">Medium</option>
              <option value="high">High</option>
            </select>
            <FieldError id={`${id("priority")}-error`} messages={errors.priority} />
          </div>
          <div>
            <label htmlFor={id("dueDate")} className={labelClass}>
              Due date <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <input {...a11y("dueDate")} type="date" defaultValue={values.dueDate ?? ""} className="form-input" />
            <FieldError id={`${id("dueDate")}-error`} messages={errors.dueDate} />
          </div>
          <div className={layout === "create" ? "sm:col-span-3" : "sm:col-span-2"}>
            <label htmlFor={id("description")} className={labelClass}>
              Notes <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <textarea
              {...a11y("description")}
              rows={2}
              maxLength={DESCRIPTION_MAX}
              defaultValue={values.description ?? ""}
              placeholder="Details, links, who to ask…"
              className="form-input resize-y"
            />
            <FieldError id={`${id("description")}-error`} messages={errors.description} />
          </div>
        </>
      )}
    </div>
  );
}
