import { promisify } from "node:util";
import { deflate, gzip } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { envelope, PUBLIC_KEY, randomHex, startEmulator, type RunningEmulator } from "./test-helpers";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await fetch(`${emulator.baseUrl}/api/store`, { method: "DELETE" });
});

const NODE_SDK = { name: "sentry.javascript.nextjs", version: "11.5.0" };

function post(body: Buffer, headers: Record<string, string> = {}, url = emulator.ingestUrl) {
  // A copy typed as Uint8Array<ArrayBuffer>, which fetch's types accept (a Buffer is not).
  return fetch(url, {
    method: "POST",
    body: new Uint8Array(body),
    headers: { "Content-Type": "text/plain;charset=UTF-8", ...headers },
  });
}

async function traceItems(traceId: string) {
  const response = await fetch(`${emulator.baseUrl}/api/traces/${traceId}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Record<string, unknown>[] }).items;
}

function streamedSpans(traceId: string, rootSpanId: string) {
  return {
    items: [
      {
        trace_id: traceId,
        span_id: rootSpanId,
        name: "GET /tasks",
        status: "ok",
        is_segment: true,
        start_timestamp: 1764000000.1,
        end_timestamp: 1764000000.35,
        attributes: {
          "sentry.op": { type: "string", value: "http.server" },
          "http.response.status_code": { type: "integer", value: 200 },
        },
      },
      {
        trace_id: traceId,
        span_id: "b".repeat(16),
        parent_span_id: rootSpanId,
        name: "select tasks",
        status: "ok",
        is_segment: false,
        start_timestamp: 1764000000.2,
        end_timestamp: 1764000000.25,
        attributes: { "sentry.op": { type: "string", value: "db" } },
      },
    ],
  };
}

describe("ingest", () => {
  it("stores streamed span items and a transaction, queryable by trace id", async () => {
    const traceId = randomHex(32);
    const body = envelope({ sent_at: new Date().toISOString(), sdk: NODE_SDK }, [
      [
        { type: "span", item_count: 2, content_type: "application/vnd.sentry.items.span.v2+json" },
        streamedSpans(traceId, "a".repeat(16)),
      ],
      // A lone span object (v1 standalone span) under the `spans` item type.
      [
        { type: "spans" },
        {
          trace_id: traceId,
          span_id: "c".repeat(16),
          op: "ui.interaction.click",
          description: "INP",
          start_timestamp: 1764000001,
          timestamp: 1764000001.08,
        },
      ],
      [
        { type: "transaction" },
        {
          type: "transaction",
          transaction: "/tasks",
          platform: "javascript",
          sdk: { name: "sentry.javascript.nextjs", packages: [{ name: "npm:@sentry/react" }] },
          start_timestamp: 1764000000,
          timestamp: 1764000002,
          contexts: {
            trace: { trace_id: traceId, span_id: "d".repeat(16), op: "pageload", data: { "sentry.origin": "auto" } },
          },
          spans: [
            {
              span_id: "e".repeat(16),
              parent_span_id: "d".repeat(16),
              op: "http.client",
              description: "GET /api/tasks",
              start_timestamp: 1764000000.5,
              timestamp: 1764000000.9,
              data: { "http.method": "GET" },
            },
          ],
        },
      ],
    ]);

    const response = await post(body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});

    const items = await traceItems(traceId);
    expect(items.map((item) => [item.kind, item.op, item.name])).toEqual([
      ["transaction", "pageload", "/tasks"],
      ["span", "http.server", "GET /tasks"],
      ["span", "db", "select tasks"],
      ["span", "http.client", "GET /api/tasks"],
      ["span", "ui.interaction.click", "INP"],
    ]);
    expect(items[1]).toMatchObject({
      origin: "server",
      attributes: { "http.response.status_code": 200 },
      durationMs: 250,
    });
    expect(items[0]).toMatchObject({
      origin: "browser",
      spanId: "d".repeat(16),
      attributes: { "sentry.origin": "auto" },
    });
    expect(items[3]).toMatchObject({
      traceId,
      parentSpanId: "d".repeat(16),
      origin: "browser",
      attributes: { "http.method": "GET" },
    });

    const traces = (await (await fetch(`${emulator.baseUrl}/api/traces`)).json()) as { traces: unknown[] };
    expect(traces.traces).toEqual([
      expect.objectContaining({
        traceId,
        spanCount: 4,
        transactionCount: 1,
        errorCount: 0,
        firstTimestamp: 1764000000,
      }),
    ]);
  });

  it("stores an error event under its trace id and serves it from /api/events", async () => {
    const traceId = randomHex(32);
    const event = {
      event_id: randomHex(32),
      platform: "node",
      level: "error",
      timestamp: "2026-11-25T10:00:00.000Z",
      exception: { values: [{ type: "TypeError", value: "boom" }] },
      tags: { route: "/api/tasks" },
      contexts: { trace: { trace_id: traceId.toUpperCase(), span_id: "f".repeat(16) } },
    };
    expect(
      (await post(envelope({ event_id: event.event_id, sdk: NODE_SDK }, [[{ type: "event" }, event]]))).status,
    ).toBe(200);

    expect(await traceItems(traceId)).toEqual([
      expect.objectContaining({
        kind: "error",
        origin: "server",
        message: "TypeError: boom",
        level: "error",
        startTimestamp: Date.parse(event.timestamp) / 1000,
      }),
    ]);
    const events = (await (await fetch(`${emulator.baseUrl}/api/events?trace_id=${traceId}`)).json()) as {
      events: { event: unknown }[];
    };
    expect(events.events).toHaveLength(1);
    expect(events.events[0]?.event).toEqual(event);
    const other = (await (await fetch(`${emulator.baseUrl}/api/events?trace_id=${randomHex(32)}`)).json()) as {
      events: unknown[];
    };
    expect(other.events).toEqual([]);
  });

  it.each([
    ["gzip", promisify(gzip)],
    ["deflate", promisify(deflate)],
  ])("accepts %s-compressed envelopes without item lengths", async (encoding, compress) => {
    const traceId = randomHex(32);
    const body = envelope(
      {},
      [
        [{ type: "span" }, streamedSpans(traceId, "1".repeat(16))],
        [{ type: "session" }, { sid: "s", status: "ok" }],
        [{ type: "client_report" }, { discarded_events: [] }],
      ],
      { withLength: false },
    );

    const response = await post(await compress(body), { "Content-Encoding": encoding });

    expect(response.status).toBe(200);
    expect(await traceItems(traceId)).toHaveLength(2);
    const stats = await (await fetch(`${emulator.baseUrl}/api/stats`)).json();
    expect(stats).toEqual({ itemsReceivedByType: { span: 1, session: 1, client_report: 1 } });
  });

  it("labels spans from a browser by the request's Origin header", async () => {
    const traceId = randomHex(32);
    await post(envelope({ sdk: NODE_SDK }, [[{ type: "span" }, streamedSpans(traceId, "2".repeat(16))]]), {
      Origin: "http://localhost:3000",
    });
    expect((await traceItems(traceId)).map((item) => item.origin)).toEqual(["browser", "browser"]);
  });

  it("accepts a bare JSON event on the legacy store endpoint", async () => {
    const traceId = randomHex(32);
    const event = { platform: "node", message: "legacy", contexts: { trace: { trace_id: traceId } } };
    const response = await post(
      Buffer.from(JSON.stringify(event)),
      {},
      `${emulator.baseUrl}/api/1/store/?sentry_key=${PUBLIC_KEY}`,
    );
    expect(response.status).toBe(200);
    expect(await traceItems(traceId)).toEqual([expect.objectContaining({ kind: "error", message: "legacy" })]);
  });

  it("accepts the key from X-Sentry-Auth", async () => {
    const response = await post(
      envelope({}, []),
      { "X-Sentry-Auth": `Sentry sentry_version=7, sentry_client=test/1, sentry_key=${PUBLIC_KEY}` },
      `${emulator.baseUrl}/api/1/envelope/`,
    );
    expect(response.status).toBe(200);
  });

  it.each([
    ["a wrong key", `/api/1/envelope/?sentry_key=${"0".repeat(32)}`],
    ["no key", "/api/1/envelope/"],
    ["another project", `/api/2/envelope/?sentry_key=${PUBLIC_KEY}`],
  ])("answers 401 for %s", async (_, path) => {
    const response = await post(envelope({}, []), {}, `${emulator.baseUrl}${path}`);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toContain("application/json");
  });

  it.each([
    ["garbage", Buffer.from("\u0000\u0001 not an envelope")],
    ["an item that is not JSON", Buffer.from('{}\n{"type":"event"}\n{not json}\n')],
    ["an event that is an array", Buffer.from('{}\n{"type":"event"}\n[1]\n')],
    ["a truncated item", Buffer.from('{}\n{"type":"event","length":500}\n{}\n')],
  ])("answers 400 for %s and stores nothing", async (_, body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ detail: expect.any(String) });
    expect(((await (await fetch(`${emulator.baseUrl}/api/traces`)).json()) as { traces: unknown[] }).traces).toEqual(
      [],
    );
  });

  it("answers 400 for a body that claims gzip but is not", async () => {
    expect((await post(Buffer.from("{}\n"), { "Content-Encoding": "gzip" })).status).toBe(400);
  });

  it("keeps serving after malformed input", async () => {
    await post(Buffer.from('{}\n{"type":"span"}\n"just a string"\n'));
    expect((await fetch(`${emulator.baseUrl}/api/traces`)).status).toBe(200);
  });
});

describe("CORS", () => {
  it("answers the preflight with the caller's origin and the SDK's headers", async () => {
    const response = await fetch(emulator.ingestUrl, {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:3000",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,sentry-trace,baggage",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    const allowed = response.headers.get("access-control-allow-headers") ?? "";
    for (const header of ["content-type", "x-sentry-auth", "sentry-trace", "baggage"])
      expect(allowed).toContain(header);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("puts CORS headers on the actual response", async () => {
    const response = await post(envelope({}, []), { Origin: "http://localhost:3000" });
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(response.headers.get("vary")).toBe("Origin");
  });
});

describe("query API", () => {
  it.each([
    "/api/traces/not-a-trace",
    `/api/traces/${"g".repeat(32)}`,
    "/api/events?trace_id=123",
    "/api/traces?limit=0",
  ])("answers 400 JSON for %s", async (path) => {
    const response = await fetch(`${emulator.baseUrl}${path}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid request" });
  });

  it("resets the store on DELETE /api/store", async () => {
    const traceId = randomHex(32);
    await post(envelope({}, [[{ type: "span" }, streamedSpans(traceId, "3".repeat(16))]]));
    expect(await traceItems(traceId)).toHaveLength(2);

    expect((await fetch(`${emulator.baseUrl}/api/store`, { method: "DELETE" })).status).toBe(204);

    expect(await traceItems(traceId)).toEqual([]);
  });
});
