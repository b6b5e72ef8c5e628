/**
 * In-memory telemetry store. Tests and the trace page only ever look at recent traffic, so it keeps
 * the newest `maxRecords` records and drops the oldest: a long `npm run dev` session cannot grow
 * the emulator's memory without bound.
 */

export type Origin = "browser" | "server";
export type RecordKind = "error" | "transaction" | "span";

export interface TelemetryRecord {
  kind: RecordKind;
  traceId: string;
  spanId?: string;
  parentSpanId?: string;
  op?: string;
  /** Best human label: span name, else description, else op. */
  name?: string;
  description?: string;
  status?: string;
  origin: Origin;
  sdkName?: string;
  attributes: Record<string, unknown>;
  /** Unix seconds, as the SDKs send them. */
  startTimestamp?: number;
  endTimestamp?: number;
  /** Milliseconds since epoch at which the emulator received the envelope. */
  receivedAt: number;
  /** Only on `error` records. */
  error?: ErrorDetails;
}

export interface ErrorDetails {
  eventId?: string;
  level?: string;
  message?: string;
  exceptionType?: string;
  /** The full event, for assertions on tags, request data and stack traces. */
  event: Record<string, unknown>;
}

export interface TraceSummary {
  traceId: string;
  rootName?: string;
  spanCount: number;
  transactionCount: number;
  errorCount: number;
  services: Origin[];
  firstTimestamp?: number;
  lastReceivedAt: number;
}

export class TelemetryStore {
  private records: TelemetryRecord[] = [];
  private itemCounts = new Map<string, number>();

  constructor(private readonly maxRecords = 5000) {}

  add(records: TelemetryRecord[]): void {
    // concat rather than push(...records): a large envelope could exceed the argument limit.
    this.records = this.records.concat(records);
    const excess = this.records.length - this.maxRecords;
    if (excess > 0) this.records.splice(0, excess);
  }

  /** Counts envelope items by type, including those that produce no records (sessions, client reports). */
  countItem(type: string): void {
    this.itemCounts.set(type, (this.itemCounts.get(type) ?? 0) + 1);
  }

  itemCountsByType(): Record<string, number> {
    return Object.fromEntries(this.itemCounts);
  }

  /** Traces, most recently received first. */
  traces(limit: number): TraceSummary[] {
    const byTrace = new Map<string, TraceSummary>();
    for (const record of this.records) {
      const summary = byTrace.get(record.traceId) ?? emptySummary(record.traceId);
      byTrace.set(record.traceId, summary);
      if (record.kind === "error") summary.errorCount += 1;
      else if (record.kind === "transaction") summary.transactionCount += 1;
      else summary.spanCount += 1;
      if (!summary.services.includes(record.origin)) summary.services.push(record.origin);
      if (record.startTimestamp !== undefined) {
        summary.firstTimestamp = Math.min(summary.firstTimestamp ?? Infinity, record.startTimestamp);
      }
      summary.lastReceivedAt = Math.max(summary.lastReceivedAt, record.receivedAt);
      if (record.kind !== "error" && !record.parentSpanId && summary.rootName === undefined)
        summary.rootName = record.name;
    }
    return [...byTrace.values()].sort((a, b) => b.lastReceivedAt - a.lastReceivedAt).slice(0, limit);
  }

  /** Every record of one trace, in start order. */
  trace(traceId: string): TelemetryRecord[] {
    return this.records.filter((record) => record.traceId === traceId).sort(byStart);
  }

  /** Error records, newest first, optionally of one trace. */
  errors(traceId?: string): TelemetryRecord[] {
    return this.records
      .filter((record) => record.kind === "error" && (traceId === undefined || record.traceId === traceId))
      .reverse();
  }

  reset(): void {
    this.records = [];
    this.itemCounts.clear();
  }
}

function emptySummary(traceId: string): TraceSummary {
  return { traceId, spanCount: 0, transactionCount: 0, errorCount: 0, services: [], lastReceivedAt: 0 };
}

function byStart(a: TelemetryRecord, b: TelemetryRecord): number {
  return (a.startTimestamp ?? Infinity) - (b.startTimestamp ?? Infinity) || a.receivedAt - b.receivedAt;
}
