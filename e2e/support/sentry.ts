import { expect, type Page } from "@playwright/test";
import { readToolEnv } from "../../scripts/lib/tool-env";

/** The e2e stack's Sentry emulator (scripts/lib/emulators.ts: app port + 30). */
const sentryApi = `http://127.0.0.1:${readToolEnv().E2E_PORT + 30}/api`;

export interface TraceItem {
  kind: "span" | "transaction" | "error";
  origin: "browser" | "server";
  op?: string;
  name?: string;
  attributes: Record<string, unknown>;
  /** Error items only. */
  message?: string;
}

/**
 * The trace id the server rendered into the page, which the browser SDK continues. The SDK loads after
 * the page's own scripts (instrumentation-client.ts): once the network is quiet it is running, so the
 * next click's fetch carries this trace.
 */
export async function pageTraceId(page: Page): Promise<string> {
  await page.waitForLoadState("networkidle");
  return pageTraceIdNow(page);
}

/** The page's trace id, without waiting for the browser SDK. */
export async function pageTraceIdNow(page: Page): Promise<string> {
  const content = await page.locator('meta[name="sentry-trace"]').getAttribute("content");
  const traceId = content?.split("-")[0];
  expect(traceId, "the page carries a sentry-trace meta tag").toMatch(/^[0-9a-f]{32}$/);
  return traceId as string;
}

/** Polls the emulator until the trace holds items matching every predicate (SDKs send in batches). */
export async function waitForTrace(
  traceId: string,
  expectations: Record<string, (item: TraceItem) => boolean>,
): Promise<TraceItem[]> {
  let items: TraceItem[] = [];
  await expect
    .poll(
      async () => {
        const response = await fetch(`${sentryApi}/traces/${traceId}`);
        items = ((await response.json()) as { items: TraceItem[] }).items;
        return Object.entries(expectations)
          .filter(([, matches]) => !items.some(matches))
          .map(([name]) => name);
      },
      { timeout: 30_000, intervals: [500, 1_000, 2_000] },
    )
    .toEqual([]);
  return items;
}

/** The full error events of a trace, as Sentry received them. */
export async function errorEvents(traceId: string): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${sentryApi}/events?trace_id=${traceId}`);
  return ((await response.json()) as { events: { event: Record<string, unknown> }[] }).events.map(
    (record) => record.event,
  );
}

/** Every error and message event the emulator holds, whatever their trace, newest first. */
export async function allEvents(): Promise<{ message?: string; event: Record<string, unknown> }[]> {
  const response = await fetch(`${sentryApi}/events`);
  return ((await response.json()) as { events: { message?: string; event: Record<string, unknown> }[] }).events;
}
