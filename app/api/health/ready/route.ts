import { env } from "@/lib/env";
import { checkDatabase } from "@/lib/observability/health";
import { route } from "@/lib/route-handler";
import { stripeBreakerState } from "@/lib/stripe/call";

export const dynamic = "force-dynamic";

/**
 * Readiness: 503 when the database does not answer, since nothing works without it. An open Stripe
 * breaker is reported as degraded but keeps the instance in rotation: every instance shares the same
 * Stripe, so taking them out would stop tasks too, and the breaker already fails payments fast.
 */
export const GET = route("/api/health/ready", async () => {
  const database = await checkDatabase();
  const breaker = stripeBreakerState();
  const ready = database.status === "ok";
  return Response.json(
    {
      status: ready ? "ready" : "not_ready",
      checks: {
        database,
        stripe: { status: breaker === "closed" ? "ok" : "degraded", breaker },
        // Reaching this line means lib/env validated every variable at start.
        configuration: { status: "ok", sentry: env.SENTRY_DSN ? "enabled" : "disabled" },
      },
    },
    { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
});
