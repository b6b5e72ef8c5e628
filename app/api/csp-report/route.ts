import { errorResponse } from "@/lib/errors";
import { reportRoute } from "@/lib/route-handler";
import { parseCspReports, recordCspViolation } from "@/lib/security/csp-report";

const name = "/api/csp-report";

/** Content-Security-Policy violations, from report-uri and report-to alike (see lib/security/csp-report.ts). */
export const POST = reportRoute(name, async (request, body) => {
  const parsed = parseCspReports(request.headers.get("content-type"), body);
  if (!parsed.ok) return errorResponse({ error: parsed.error, message: parsed.message }, parsed.status);
  for (const violation of parsed.violations) recordCspViolation(violation, name);
  return new Response(null, { status: 204 });
});
