import "server-only";
import * as Sentry from "@sentry/nextjs";
import { z } from "zod";
import { logger } from "@/lib/observability/logger";
import { recordSecurityEvent } from "@/lib/observability/metrics";

/**
 * Content-Security-Policy violation reports, in the two shapes browsers send: `report-uri`'s single
 * `application/csp-report` object, and the Reporting API's `application/reports+json` batch (`report-to`).
 * Both become one CspViolation each, whose URLs keep only origin and path: a query string may carry a
 * token or a search.
 */

export interface CspViolation {
  /** The directive that blocked something, e.g. `script-src-elem`. */
  directive: string;
  disposition: "enforce" | "report";
  documentUrl: string;
  /** A URL's origin and path, or what the browser names instead (`inline`, `eval`, `data`…). */
  blocked?: string;
  sourceFile?: string;
  line?: number;
  column?: number;
  /** The first characters of a blocked inline script or style, when the policy asks for samples. */
  sample?: string;
}

const maxBatch = 100;

/** A directive's name: browsers that send the whole directive (value and all) still start with it. */
const directive = z
  .string()
  .transform((value) => value.trim().split(/\s+/)[0] ?? "")
  .pipe(z.string().regex(/^[a-z-]{1,64}$/, "expected a CSP directive"));

/** A URL as origin and path; a browser's keyword (inline, eval, data…) as it is; anything else as unparsed. */
const reportedUrl = z.string().transform((value) => {
  if (URL.canParse(value)) {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) ? `${url.origin}${url.pathname}`.slice(0, 2_048) : url.protocol;
  }
  return /^[a-z-]{1,32}$/.test(value) ? value : "(unparsed)";
});

const position = z.number().int().nonnegative();
const sample = z.string().transform((value) => value.slice(0, 40));
const disposition = z.enum(["enforce", "report"]);

/** Leaves out the fields a browser sent empty. */
function compact(violation: CspViolation): CspViolation {
  const present = Object.entries(violation).filter(
    ([, field]) => field !== undefined && field !== null && field !== "",
  );
  return Object.fromEntries(present) as unknown as CspViolation;
}

/** `report-uri`: one `{ "csp-report": { … } }` object per violation, in kebab-case. */
const reportUriBody = z
  .object({
    "csp-report": z.object({
      "document-uri": reportedUrl,
      "effective-directive": directive.optional(),
      "violated-directive": directive.optional(),
      "blocked-uri": reportedUrl.optional(),
      "source-file": reportedUrl.optional(),
      "line-number": position.optional(),
      "column-number": position.optional(),
      "script-sample": sample.optional(),
      disposition: disposition.default("enforce"),
    }),
  })
  .transform(({ "csp-report": report }, context) => {
    // Older browsers send only the violated directive; newer ones both.
    const violated = report["effective-directive"] ?? report["violated-directive"];
    if (!violated) {
      context.addIssue({ code: "custom", message: "expected the violated directive" });
      return z.NEVER;
    }
    return [
      compact({
        directive: violated,
        disposition: report.disposition,
        documentUrl: report["document-uri"],
        blocked: report["blocked-uri"],
        sourceFile: report["source-file"],
        line: report["line-number"],
        column: report["column-number"],
        sample: report["script-sample"],
      }),
    ];
  });

/** `report-to`: the Reporting API's batch, camelCase bodies, absent fields sometimes sent as null. */
const reportToBatch = z
  .array(
    z.object({
      type: z.literal("csp-violation"),
      body: z.object({
        documentURL: reportedUrl,
        effectiveDirective: directive,
        blockedURL: reportedUrl.nullish(),
        sourceFile: reportedUrl.nullish(),
        lineNumber: position.nullish(),
        columnNumber: position.nullish(),
        sample: sample.nullish(),
        disposition,
      }),
    }),
  )
  .min(1)
  .max(maxBatch)
  .transform((reports) =>
    reports.map(({ body: report }) =>
      compact({
        directive: report.effectiveDirective,
        disposition: report.disposition,
        documentUrl: report.documentURL,
        blocked: report.blockedURL ?? undefined,
        sourceFile: report.sourceFile ?? undefined,
        line: report.lineNumber ?? undefined,
        column: report.columnNumber ?? undefined,
        sample: report.sample ?? undefined,
      }),
    ),
  );

const bodySchemas = { "application/csp-report": reportUriBody, "application/reports+json": reportToBatch };

export type ParsedReports =
  { ok: true; violations: CspViolation[] } | { ok: false; status: 400 | 415; error: string; message: string };

/** The violations in a report body, or why it is refused (never an exception). */
export function parseCspReports(contentType: string | null, body: string): ParsedReports {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!Object.hasOwn(bodySchemas, type)) {
    const accepted = Object.keys(bodySchemas).join(" or ");
    return { ok: false, status: 415, error: "unsupported_media_type", message: `Send reports as ${accepted}.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, status: 400, error: "invalid_report", message: "The report is not JSON." };
  }
  const parsed = bodySchemas[type as keyof typeof bodySchemas].safeParse(json);
  if (!parsed.success) {
    return { ok: false, status: 400, error: "invalid_report", message: "This is not a CSP violation report." };
  }
  return { ok: true, violations: parsed.data };
}

/**
 * A violation is logged, sent to Sentry as a warning grouped by directive and what was blocked, and counted
 * as taskpilot_security_events_total{reason="csp_violation"}.
 */
export function recordCspViolation(violation: CspViolation, route: string): void {
  recordSecurityEvent("csp_violation", route);
  logger.warn({ reason: "csp_violation", ...violation }, "content security policy violation");
  Sentry.captureMessage(`CSP violation: ${violation.directive}`, {
    level: "warning",
    tags: { "csp.directive": violation.directive, "csp.disposition": violation.disposition },
    contexts: { csp: { ...violation } },
    fingerprint: ["csp-violation", violation.directive, violation.blocked ?? ""],
  });
}
