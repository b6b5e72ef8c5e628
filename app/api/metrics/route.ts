import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { metrics } from "@/lib/observability/metrics";
import { route } from "@/lib/route-handler";
import { errorResponse } from "@/lib/errors";

const digest = (value: string) => createHash("sha256").update(value).digest();
const expected = digest(`Bearer ${env.METRICS_TOKEN}`);

/** Compares digests, so the check takes the same time however much of the token is right. */
function authorized(header: string | null): boolean {
  return header !== null && timingSafeEqual(digest(header), expected);
}

/** Prometheus scrape endpoint, behind a bearer token (METRICS_TOKEN). */
export const GET = route("/api/metrics", async (request) => {
  if (!authorized(request.headers.get("authorization"))) {
    return errorResponse({ error: "unauthorized", message: "A valid bearer token is required." }, 401, {
      "www-authenticate": 'Bearer realm="metrics"',
    });
  }
  return new Response(await metrics.registry.metrics(), {
    headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" },
  });
});
