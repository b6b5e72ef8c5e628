import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Icon } from "./icons";

const promptClass = [
  "flex flex-col gap-3 rounded-xl border border-brand-100 bg-brand-50 p-4",
  "sm:flex-row sm:items-center sm:justify-between",
].join(" ");

/** Shown instead of an error when a Free account is at its open-task limit: a way forward, not a dead end. */
export function PlanLimitPrompt({ limit, action }: { limit: number; action: "add" | "reopen" | "restore" }) {
  const blocked = { add: "add another task", reopen: "reopen this task", restore: "bring this task back" }[action];
  return (
    <div className={promptClass}>
      <div className="flex gap-3">
        <span className="mt-0.5 text-brand-600">
          <Icon name="sparkles" className="size-5" />
        </span>
        <div>
          <p className="font-semibold text-slate-900">You’ve reached the Free plan’s {limit} open tasks</p>
          <p className="mt-1 text-sm text-slate-700">
            To {blocked}, complete or delete an open task, or upgrade to Pro for unlimited open tasks. Your input is
            still here.
          </p>
        </div>
      </div>
      <Link href="/billing" className={buttonClasses({ className: "shrink-0 text-center" })}>
        Upgrade to Pro
      </Link>
    </div>
  );
}
