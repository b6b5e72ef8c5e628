import type { ReactNode } from "react";
import type { ServiceStats } from "@/lib/observability/status";
import { Card } from "@/components/ui/card";
import { LatencyChart } from "./latency-chart";

export type Health = "healthy" | "degraded" | "down" | "off";

const healthStyles: Record<Health, { label: string; dot: string; text: string }> = {
  healthy: { label: "Healthy", dot: "bg-emerald-500", text: "text-emerald-700" },
  degraded: { label: "Degraded", dot: "bg-amber-500", text: "text-amber-700" },
  down: { label: "Down", dot: "bg-red-500", text: "text-red-700" },
  off: { label: "Not configured", dot: "bg-slate-400", text: "text-slate-600" },
};

const percent = (ratio: number) => `${(ratio * 100).toFixed(ratio > 0 && ratio < 0.01 ? 2 : 1)}%`;

export function ServiceCard({
  name,
  description,
  health,
  stats,
  children,
}: {
  name: string;
  description: string;
  health: Health;
  stats?: ServiceStats;
  children?: ReactNode;
}) {
  const style = healthStyles[health];
  return (
    <Card aria-labelledby={`${name}-heading`} className="p-4 sm:p-6">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 id={`${name}-heading`} className="font-semibold">
            {name}
          </h2>
          <p className="text-sm text-slate-500">{description}</p>
        </div>
        <p
          className={`inline-flex items-center gap-2 text-sm font-medium ${style.text}`}
          data-testid={`${name.toLowerCase()}-health`}
        >
          <span aria-hidden className={`size-2 rounded-full ${style.dot}`} />
          {style.label}
        </p>
      </div>
      {stats ? (
        <>
          <dl className="mt-4 grid grid-cols-3 gap-4 text-sm">
            <div>
              <dt className="text-slate-500">Calls</dt>
              <dd className="font-medium">{stats.calls}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Error rate</dt>
              <dd className="font-medium">{percent(stats.errorRate)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">p95</dt>
              <dd className="font-medium">
                {stats.p95Ms === null
                  ? "—"
                  : stats.p95Ms === Number.POSITIVE_INFINITY
                    ? "> 10 s"
                    : `≤ ${stats.p95Ms} ms`}
              </dd>
            </div>
          </dl>
          <div className="mt-4">
            <LatencyChart buckets={stats.buckets} name={name} />
          </div>
        </>
      ) : null}
      {children ? <div className="mt-4 text-sm text-slate-600">{children}</div> : null}
    </Card>
  );
}
