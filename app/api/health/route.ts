import { route } from "@/lib/route-handler";

/** Liveness: the process is up and serving. Dependencies are checked by /api/health/ready. */
export const GET = route("/api/health", async () =>
  Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } }),
);
