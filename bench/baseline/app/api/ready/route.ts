import { sql } from "../../../lib/db";

export const dynamic = "force-dynamic";

/** The product's /api/health/ready without its timeout and error mapping: one round trip, same JSON shape. */
export async function GET() {
  const started = performance.now();
  await sql()`select 1`;
  const database = { status: "ok", latencyMs: Math.round(performance.now() - started) };
  return Response.json({ status: "ready", checks: { database } }, { headers: { "cache-control": "no-store" } });
}
