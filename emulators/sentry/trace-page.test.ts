import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeHtml } from "./trace-page";
import { envelope, randomHex, startEmulator, type RunningEmulator } from "./test-helpers";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const ATTACK = `<script>alert("x")</script><img src=x onerror='alert(1)'>`;

describe("trace pages", () => {
  it("lists traces and shows a span tree with durations and errors, escaping payload text", async () => {
    const traceId = randomHex(32);
    const root = "a".repeat(16);
    const child = "b".repeat(16);
    const body = envelope({}, [
      [
        { type: "span" },
        {
          items: [
            {
              trace_id: traceId,
              span_id: root,
              name: ATTACK,
              start_timestamp: 100,
              end_timestamp: 100.5,
              attributes: { "sentry.op": { type: "string", value: "http.server" } },
            },
            {
              trace_id: traceId,
              span_id: child,
              parent_span_id: root,
              name: "select tasks",
              start_timestamp: 100.1,
              end_timestamp: 100.12,
              attributes: { "sentry.op": { type: "string", value: "db" } },
            },
          ],
        },
      ],
      [
        { type: "event" },
        {
          platform: "node",
          exception: { values: [{ type: "Error", value: ATTACK }] },
          contexts: { trace: { trace_id: traceId } },
        },
      ],
    ]);
    expect((await fetch(emulator.ingestUrl, { method: "POST", body: new Uint8Array(body) })).status).toBe(200);

    const list = await fetch(`${emulator.baseUrl}/`);
    expect(list.headers.get("content-type")).toContain("text/html");
    expect(list.headers.get("content-security-policy")).toContain("default-src 'none'");
    const listHtml = await list.text();
    expect(listHtml).toContain(`href="/traces/${traceId}"`);
    expect(listHtml).not.toContain("<script>");
    expect(listHtml).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");

    const page = await (await fetch(`${emulator.baseUrl}/traces/${traceId}`)).text();
    expect(page).not.toContain("<script>");
    expect(page).not.toContain("<img");
    expect(page).toContain("500.0 ms");
    expect(page).toContain("20.0 ms");
    // The child is indented one level under its parent, which comes first.
    expect(page.indexOf("select tasks")).toBeGreaterThan(page.indexOf("http.server"));
    expect(page).toMatch(/padding-left:1\.75rem"><span class="op">db<\/span> select tasks/);
    expect(page).toContain("Error: &lt;script&gt;");
  });

  it("answers 400 for a malformed trace id", async () => {
    const response = await fetch(`${emulator.baseUrl}/traces/%3Cscript%3E`);
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain("<script>");
  });
});

describe("escapeHtml", () => {
  it("escapes every character that can open markup or end an attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });
});
