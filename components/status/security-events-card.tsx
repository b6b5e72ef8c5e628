import { Card } from "@/components/ui/card";
import type { SecurityEventCount } from "@/lib/observability/status";

/** Refused sessions and requests by reason (taskpilot_security_events_total) since this instance started. */
export function SecurityEventsCard({ events }: { events: SecurityEventCount[] }) {
  return (
    <Card aria-labelledby="security-events-heading" className="p-6">
      <h2 id="security-events-heading" className="font-semibold">
        Security events
      </h2>
      <p className="text-sm text-slate-500">
        Refused sessions, 401s, 403s, 429s and CSP violations since this instance started
      </p>
      {events.length === 0 ? (
        <p className="mt-4 text-sm text-slate-600">None so far.</p>
      ) : (
        <dl className="mt-4 grid grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
          {events.map(({ reason, count }) => (
            <div key={reason} className="contents">
              <dt className="font-mono text-slate-600">{reason}</dt>
              <dd className="text-right font-medium tabular-nums">{count}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}
