import { checkDatabase } from "@/lib/health";

export const dynamic = "force-dynamic";

/** Readiness: 200 only when every dependency answers; 503 with the failing one named otherwise. */
export async function GET() {
  const database = await checkDatabase();
  const ready = database.status === "ok";
  return Response.json(
    { status: ready ? "ready" : "not_ready", checks: { database } },
    { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
