import Link from "next/link";
import type { TaskUsage } from "@/lib/tasks/types";

/** How close a Free account is to its open-task limit; Pro just shows the count. */
export function UsageMeter({ usage }: { usage: TaskUsage }) {
  if (usage.limit === null) {
    return (
      <p className="rounded-full bg-brand-50 px-3 py-1 text-sm font-medium text-brand-700">Pro · {usage.open} open</p>
    );
  }
  const full = usage.open >= usage.limit;
  const percent = Math.min(100, Math.round((usage.open / usage.limit) * 100));
  return (
    <div className="w-full max-w-56 text-sm">
      <div className="flex items-baseline justify-between gap-3">
        <span className="font-medium text-slate-700">
          {usage.open} of {usage.limit} open tasks
        </span>
        <Link href="/billing" className="text-xs font-medium text-brand-700 hover:underline">
          {full ? "Upgrade" : "Free plan"}
        </Link>
      </div>
      <div
        role="meter"
        aria-label="Open tasks on the Free plan"
        aria-valuemin={0}
        aria-valuemax={usage.limit}
        aria-valuenow={Math.min(usage.open, usage.limit)}
        className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full rounded-full ${full ? "bg-amber-500" : "bg-brand-600"}`}
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
