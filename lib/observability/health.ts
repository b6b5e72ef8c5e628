import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { errorCode } from "@/db/connection-error";
import { TimeoutError, withTimeout } from "@/lib/timeout";

export interface DependencyStatus {
  status: "ok" | "down";
  latencyMs: number;
  error?: string;
}

/** A round trip to PostgreSQL, bounded so a hung database cannot hang the caller. */
export async function checkDatabase(timeoutMs = 1_000): Promise<DependencyStatus> {
  const started = performance.now();
  try {
    await withTimeout(db.execute(sql`select 1`), timeoutMs);
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // The driver's code (ECONNREFUSED, 57014…), never the message: that carries the SQL and its parameters.
    return {
      status: "down",
      latencyMs: Math.round(performance.now() - started),
      error: errorCode(error) ?? (error instanceof TimeoutError ? error.message : "query failed"),
    };
  }
}
