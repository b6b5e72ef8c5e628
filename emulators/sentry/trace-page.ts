import { durationMs } from "./query-api";
import type { TelemetryRecord, TraceSummary } from "./store";

/**
 * Server-rendered pages for a developer looking at what the app sent. Everything from a payload
 * goes through `escapeHtml`: span names, messages and attributes are attacker-controllable (a URL
 * in a span name is enough).
 */

export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

export function traceListPage(traces: TraceSummary[], appUrl: string): string {
  const rows = traces
    .map(
      (trace) => `<tr>
  <td><a href="/traces/${escapeHtml(trace.traceId)}"><code>${escapeHtml(trace.traceId)}</code></a></td>
  <td>${escapeHtml(trace.rootName ?? "—")}</td>
  <td class="num">${trace.spanCount + trace.transactionCount}</td>
  <td class="num${trace.errorCount > 0 ? " bad" : ""}">${trace.errorCount}</td>
  <td>${escapeHtml(trace.services.join(", "))}</td>
  <td>${escapeHtml(formatTime(trace.firstTimestamp))}</td>
</tr>`,
    )
    .join("\n");
  const body = traces.length
    ? `<table>${tableHead(["Trace", "Root", "Spans", "Errors", "Services", "Started"])}
<tbody>${rows}</tbody></table>`
    : "<p>No traces yet. Use the app, then reload this page.</p>";
  return layout(
    "Sentry emulator",
    `<h1>Recent traces</h1>
<p class="muted">Newest first · app: <a href="${escapeHtml(appUrl)}">${escapeHtml(appUrl)}</a></p>
${body}`,
  );
}

export function tracePage(traceId: string, records: TelemetryRecord[]): string {
  const spans = records.filter((record) => record.kind !== "error");
  const errors = records.filter((record) => record.kind === "error");
  const starts = spans.flatMap((span) => (span.startTimestamp === undefined ? [] : [span.startTimestamp]));
  const ends = spans.flatMap((span) => (span.endTimestamp === undefined ? [] : [span.endTimestamp]));
  const timeline = { start: Math.min(...starts), length: Math.max(...ends, ...starts) - Math.min(...starts) };

  const spanRows = spanTree(spans)
    .map(({ record, depth }) => {
      const bar = barStyle(record, timeline);
      const op = `<span class="op">${escapeHtml(record.op ?? record.kind)}</span>`;
      return `<tr>
  <td style="padding-left:${0.5 + depth * 1.25}rem">${op} ${escapeHtml(record.name ?? "")}</td>
  <td class="num">${escapeHtml(formatDuration(durationMs(record)))}</td>
  <td>${escapeHtml(record.origin)}</td>
  <td class="${record.status && record.status !== "ok" ? "bad" : ""}">${escapeHtml(record.status ?? "")}</td>
  <td><div class="lane">${bar ? `<div class="bar" style="${bar}"></div>` : ""}</div></td>
</tr>`;
    })
    .join("\n");
  const errorItems = errors
    .map((error) => {
      const time = escapeHtml(formatTime(error.startTimestamp));
      const eventId = escapeHtml(error.error?.eventId ?? "?");
      return `<li><span class="bad">${escapeHtml(error.error?.level ?? "error")}</span>
  ${escapeHtml(error.error?.message ?? "(no message)")}
  <span class="muted">· ${escapeHtml(error.origin)} · ${time} · event ${eventId}</span></li>`;
    })
    .join("\n");

  const spanTable = spans.length
    ? `<table>${tableHead(["Span", "Duration", "Origin", "Status", "Timeline"])}<tbody>${spanRows}</tbody></table>`
    : "<p>No spans.</p>";

  return layout(
    `Trace ${traceId}`,
    `<p><a href="/">← all traces</a></p>
<h1>Trace <code>${escapeHtml(traceId)}</code></h1>
<h2>Spans (${spans.length})</h2>
${spanTable}
<h2>Errors (${errors.length})</h2>
${errors.length ? `<ul>${errorItems}</ul>` : "<p>No errors.</p>"}`,
  );
}

/** `<thead>` with one header cell per column name; the names are literals, not payload text. */
function tableHead(columns: string[]): string {
  return `<thead><tr>${columns.map((column) => `<th>${column}</th>`).join("")}</tr></thead>`;
}

export function errorPage(message: string): string {
  return layout("Error", `<p><a href="/">← all traces</a></p><h1>${escapeHtml(message)}</h1>`);
}

/**
 * Orders spans depth-first under their parents. A span whose parent never arrived (another
 * service's span, or one still in flight) becomes a root. Iterative, with a visited set, so that
 * deep or cyclic parent links in bad payloads cannot overflow the stack or loop.
 */
function spanTree(spans: TelemetryRecord[]): { record: TelemetryRecord; depth: number }[] {
  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string, TelemetryRecord[]>();
  const roots: TelemetryRecord[] = [];
  for (const span of spans) {
    if (span.parentSpanId && ids.has(span.parentSpanId) && span.parentSpanId !== span.spanId) {
      const siblings = children.get(span.parentSpanId) ?? [];
      siblings.push(span);
      children.set(span.parentSpanId, siblings);
    } else {
      roots.push(span);
    }
  }

  const ordered: { record: TelemetryRecord; depth: number }[] = [];
  const visited = new Set<TelemetryRecord>();
  const stack = roots.map((record) => ({ record, depth: 0 })).reverse();
  while (stack.length) {
    const entry = stack.pop()!;
    if (visited.has(entry.record)) continue;
    visited.add(entry.record);
    ordered.push(entry);
    const kids = entry.record.spanId ? (children.get(entry.record.spanId) ?? []) : [];
    for (const child of [...kids].reverse()) stack.push({ record: child, depth: entry.depth + 1 });
  }
  return ordered;
}

function barStyle(record: TelemetryRecord, timeline: { start: number; length: number }): string | undefined {
  if (record.startTimestamp === undefined || !(timeline.length > 0)) return undefined;
  const left = ((record.startTimestamp - timeline.start) / timeline.length) * 100;
  const width = (((record.endTimestamp ?? record.startTimestamp) - record.startTimestamp) / timeline.length) * 100;
  return `left:${left.toFixed(2)}%;width:${Math.max(width, 0.5).toFixed(2)}%`;
}

function formatDuration(ms: number | undefined): string {
  return ms === undefined ? "—" : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

function formatTime(seconds: number | undefined): string {
  return seconds === undefined ? "—" : new Date(seconds * 1000).toISOString().replace("T", " ").replace("Z", " UTC");
}

function layout(title: string, content: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font: 14px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1f2328; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
  th { background: #f6f8fa; }
  .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .muted { color: #6b7280; }
  .bad { color: #b91c1c; font-weight: 600; }
  .op { font: 12px ui-monospace, monospace; background: #eef2ff; color: #3730a3; padding: 0 0.3rem; \
border-radius: 3px; }
  .lane { position: relative; min-width: 16rem; height: 1.3rem; }
  .bar { position: absolute; top: 0.35rem; height: 0.6rem; background: #6366f1; border-radius: 2px; }
  code { font: 13px ui-monospace, monospace; }
</style></head>
<body>
${content}
</body></html>
`;
}
