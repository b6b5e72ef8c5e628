import type { Metadata } from "next";
import { SecurityEventsCard } from "@/components/status/security-events-card";
import { ServiceCard, type Health } from "@/components/status/service-card";
import { TestErrorButton } from "@/components/status/test-error-button";
import { notFound } from "next/navigation";
import { isOperator } from "@/lib/auth/operator";
import { requireUser } from "@/lib/auth/session";
import { statusReport } from "@/lib/observability/status";

export const metadata: Metadata = { title: "Status" };
export const dynamic = "force-dynamic";

const breakerLabels = {
  closed: "closed (calls flow)",
  half_open: "half-open (probing)",
  open: "open (failing fast)",
} as const;

/** Errors above this share of calls mark a service degraded. */
const degradedErrorRate = 0.05;

/** For operators only: everyone else is told there is no such page. */
export default async function StatusPage() {
  await requireUser();
  if (!(await isOperator())) notFound();
  const report = await statusReport();
  const databaseHealth: Health =
    report.database.check.status === "down"
      ? "down"
      : report.database.stats.errorRate > degradedErrorRate
        ? "degraded"
        : "healthy";
  const stripeHealth: Health =
    report.stripe.breaker === "open"
      ? "down"
      : report.stripe.breaker === "half_open" || report.stripe.stats.errorRate > degradedErrorRate
        ? "degraded"
        : "healthy";
  const clerkHealth: Health = report.clerk.stats.errorRate > degradedErrorRate ? "degraded" : "healthy";
  const allHealthy = [databaseHealth, stripeHealth, clerkHealth].every((health) => health === "healthy");

  return (
    <div className="space-y-4 sm:space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Status</h1>
        <p className="mt-1 text-sm text-slate-600">
          {allHealthy ? "All systems are working normally." : "Some services need attention."} Figures come from this
          server instance since it started.
        </p>
      </div>
      <div className="grid grid-cols-1 gap-4 sm:gap-6 lg:grid-cols-2">
        <ServiceCard
          name="Database"
          description="PostgreSQL queries"
          health={databaseHealth}
          stats={report.database.stats}
        >
          Live round trip: {report.database.check.latencyMs} ms
          {report.database.check.error ? ` (${report.database.check.error})` : ""}.
        </ServiceCard>
        <ServiceCard name="Stripe" description="Payments API calls" health={stripeHealth} stats={report.stripe.stats}>
          <p>Circuit breaker: {breakerLabels[report.stripe.breaker]}.</p>
          <p>
            Webhook backlog:{" "}
            {report.stripe.backlog === null
              ? "unknown"
              : `${report.stripe.backlog} unprocessed event${report.stripe.backlog === 1 ? "" : "s"}`}
            .
          </p>
        </ServiceCard>
        <ServiceCard
          name="Clerk"
          description="Authentication: Backend API calls; sessions are verified locally"
          health={clerkHealth}
          stats={report.clerk.stats}
        />
        <ServiceCard
          name="Sentry"
          description="Error and trace reporting"
          health={report.sentry.enabled ? "healthy" : "off"}
        >
          <p>
            {report.sentry.enabled
              ? `Sending to ${report.sentry.host} (${report.sentry.environment}).`
              : "No DSN configured: nothing is sent."}
          </p>
          <div className="mt-3">
            <TestErrorButton />
          </div>
        </ServiceCard>
        <SecurityEventsCard events={report.security} />
      </div>
    </div>
  );
}
