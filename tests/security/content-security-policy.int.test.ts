// next/server declares NextFetchEvent but exports it only as a type; Next.js builds it from here.
import { NextFetchEvent } from "next/dist/server/web/spec-extension/fetch-event";
import { NextRequest } from "next/server";
import * as Sentry from "@sentry/nextjs";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as cspReport } from "@/app/api/csp-report/route";
import { appUrl } from "@/lib/app-url";
import { logger } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";
import { reportBodyLimitBytes } from "@/lib/route-handler";
import proxy from "@/proxy";

/*
 * The Content-Security-Policy through the real proxy.ts (and Clerk's real middleware), and the violation
 * report endpoint on the real limiter and counters, with this file's own low report limit.
 */
const reportLimit = vi.hoisted(() => {
  vi.stubEnv("RATE_LIMIT_CSP_REPORTS_PER_IP", "3");
  return 3;
});
afterAll(() => vi.unstubAllEnvs());

// Sentry is not initialised in tests (no DSN); this records what the endpoint hands it.
vi.mock("@sentry/nextjs", async (importOriginal) => {
  const sentry = await importOriginal<typeof import("@sentry/nextjs")>();
  // Node's CommonJS interop lists only some of the SDK's exports, so a spread copies only those; the
  // route handler's span naming reads the rest.
  const { getActiveSpan, getRootSpan, updateSpanName } = sentry;
  return { ...sentry, getActiveSpan, getRootSpan, updateSpanName, captureMessage: vi.fn() };
});

let addressCounter = 0;
/** A documentation address (RFC 5737) of its own for each test, so tests never share a counter. */
const newAddress = () => `198.51.100.${++addressCounter}`;

function throughProxy(path: string, init: { method?: string; headers?: HeadersInit } = {}): Promise<Response> {
  const request = new NextRequest(`${appUrl}${path}`, {
    method: init.method,
    headers: { "x-forwarded-for": newAddress(), ...init.headers },
  });
  return proxy(request, new NextFetchEvent({ request, page: path, context: undefined }));
}

const nonceIn = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? "")?.[1];

describe("the proxy's policy", () => {
  it("gives every response, pages, redirects and APIs alike, a policy with a fresh nonce", async () => {
    const nonces = new Set<string>();
    for (const path of ["/tasks", "/tasks", "/sign-in", "/no-such-page", "/api/me"]) {
      const response = await throughProxy(path);
      const policy = response.headers.get("content-security-policy");
      expect(policy, path).toMatch(/script-src 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic' 'self'/);
      expect(policy).not.toContain("'unsafe-inline' ");
      expect(policy).toContain("; report-uri /api/csp-report");
      nonces.add(nonceIn(policy) as string);
    }
    expect(nonces.size).toBe(5);
  });

  it("hands the page the same policy on its request, where Next.js and Clerk read the nonce", async () => {
    const response = await throughProxy("/sign-in");
    expect(response.status).toBe(200);
    // Next.js passes the proxy's request headers on to the page this way, and never to the browser.
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(
      response.headers.get("content-security-policy"),
    );
  });

  it("leaves Clerk's Frontend API alone: its answers are Clerk's, not the app's pages", async () => {
    const response = await throughProxy("/clerk-fapi/v1/environment");
    expect(response.headers.get("content-security-policy")).toBeNull();
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBeNull();
  });

  it("lets signed-out browsers report violations", async () => {
    const response = await throughProxy("/api/csp-report", { method: "POST" });
    expect(response.status).not.toBe(401);
  });
});

async function violationsCounted(): Promise<number> {
  const { values } = await metrics.securityEvents.get();
  return values
    .filter((value) => value.labels.reason === "csp_violation" && value.labels.route === "/api/csp-report")
    .reduce((sum, value) => sum + value.value, 0);
}

const reportUriBody = {
  "csp-report": {
    "document-uri": "http://localhost:3999/tasks?q=secret+plans&token=abc",
    referrer: "",
    "violated-directive": "script-src-elem",
    "effective-directive": "script-src-elem",
    "original-policy": "default-src 'self'; script-src 'nonce-abc' 'strict-dynamic'",
    disposition: "enforce",
    "blocked-uri": "inline",
    "line-number": 12,
    "column-number": 4,
    "source-file": "http://localhost:3999/tasks?q=secret+plans",
    "status-code": 200,
    "script-sample": "window.injected = true",
  },
};

const reportToBody = [
  {
    type: "csp-violation",
    age: 3,
    url: "http://localhost:3999/billing?payment_intent=pi_123",
    user_agent: "Mozilla/5.0",
    body: {
      documentURL: "http://localhost:3999/billing?payment_intent=pi_123",
      blockedURL: "https://evil.example/x.js?session=abc",
      effectiveDirective: "script-src-elem",
      originalPolicy: "default-src 'self'",
      disposition: "enforce",
      statusCode: 200,
      sourceFile: null,
      lineNumber: null,
      columnNumber: null,
      sample: "",
      referrer: "",
    },
  },
  {
    type: "csp-violation",
    age: 3,
    url: "http://localhost:3999/billing",
    user_agent: "Mozilla/5.0",
    body: {
      documentURL: "http://localhost:3999/billing",
      blockedURL: "eval",
      effectiveDirective: "script-src",
      originalPolicy: "default-src 'self'",
      disposition: "enforce",
      statusCode: 200,
    },
  },
];

function report(
  body: string | ReadableStream<Uint8Array>,
  init: { type?: string; ip?: string; headers?: object } = {},
) {
  return cspReport(
    new Request(`${appUrl}/api/csp-report`, {
      method: "POST",
      body,
      headers: {
        "content-type": init.type ?? "application/csp-report",
        "x-forwarded-for": init.ip ?? newAddress(),
        ...init.headers,
      },
      ...(typeof body === "string" ? {} : { duplex: "half" }),
    } as RequestInit),
  );
}

describe("POST /api/csp-report", () => {
  beforeEach(() => vi.mocked(Sentry.captureMessage).mockClear());

  it("takes a report-uri report from any page, even another site's: 204, counted, logged without queries", async () => {
    const before = await violationsCounted();
    const warn = vi.spyOn(logger, "warn");
    const response = await report(JSON.stringify(reportUriBody), { headers: { origin: "https://evil.example" } });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(await violationsCounted()).toBe(before + 1);

    const logged = warn.mock.calls.find(([, message]) => message === "content security policy violation")?.[0];
    expect(logged).toEqual({
      reason: "csp_violation",
      directive: "script-src-elem",
      disposition: "enforce",
      documentUrl: "http://localhost:3999/tasks",
      blocked: "inline",
      sourceFile: "http://localhost:3999/tasks",
      line: 12,
      column: 4,
      sample: "window.injected = true",
    });
    expect(JSON.stringify(warn.mock.calls)).not.toMatch(/secret|token=/);
    warn.mockRestore();

    expect(Sentry.captureMessage).toHaveBeenCalledWith(
      "CSP violation: script-src-elem",
      expect.objectContaining({
        level: "warning",
        tags: { "csp.directive": "script-src-elem", "csp.disposition": "enforce" },
        fingerprint: ["csp-violation", "script-src-elem", "inline"],
      }),
    );
  });

  it("takes a Reporting API batch: one violation each, URLs as origin and path", async () => {
    const before = await violationsCounted();
    const response = await report(JSON.stringify(reportToBody), { type: "application/reports+json" });
    expect(response.status).toBe(204);
    expect(await violationsCounted()).toBe(before + 2);
    const sent = vi
      .mocked(Sentry.captureMessage)
      .mock.calls.map(([message, context]) => [message, (context as { contexts: { csp: object } }).contexts.csp]);
    expect(sent).toEqual([
      [
        "CSP violation: script-src-elem",
        {
          directive: "script-src-elem",
          disposition: "enforce",
          documentUrl: "http://localhost:3999/billing",
          blocked: "https://evil.example/x.js",
        },
      ],
      [
        "CSP violation: script-src",
        {
          directive: "script-src",
          disposition: "enforce",
          documentUrl: "http://localhost:3999/billing",
          blocked: "eval",
        },
      ],
    ]);
  });

  it.each([
    ["not JSON", "{not json", "application/csp-report"],
    ["JSON of the wrong shape", JSON.stringify({ hello: "world" }), "application/csp-report"],
    ["a report without a directive", JSON.stringify({ "csp-report": { "document-uri": "http://x/" } }), undefined],
    [
      "a directive that is not one",
      JSON.stringify({ "csp-report": { "document-uri": "http://x/", "violated-directive": "<script>" } }),
      undefined,
    ],
    ["a report-uri body sent as a batch", JSON.stringify(reportUriBody), "application/reports+json"],
    ["an empty batch", "[]", "application/reports+json"],
    [
      "a batch of another report type",
      JSON.stringify([{ ...reportToBody[0], type: "deprecation" }]),
      "application/reports+json",
    ],
    [
      "a batch over 100 reports",
      JSON.stringify(Array.from({ length: 101 }, () => reportToBody[1])),
      "application/reports+json",
    ],
  ])("refuses %s with a JSON 400 and counts nothing", async (_, body, type) => {
    const before = await violationsCounted();
    const response = await report(body, { type });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid_report", message: expect.any(String) });
    expect(await violationsCounted()).toBe(before);
    expect(Sentry.captureMessage).not.toHaveBeenCalled();
  });

  it("refuses another content type with 415", async () => {
    const response = await report(JSON.stringify(reportUriBody), { type: "application/json" });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: "unsupported_media_type" });
  });

  it("refuses a declared body over 32 KB with 413 unread, and a chunked one as soon as it passes 32 KB", async () => {
    let pulled = 0;
    const stream = () =>
      new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            if (pulled >= 1024 * 1024) return controller.close();
            pulled += 8 * 1024;
            controller.enqueue(new Uint8Array(8 * 1024).fill(0x20));
          },
        },
        { highWaterMark: 0 },
      );
    const declared = await report(stream(), { headers: { "content-length": String(reportBodyLimitBytes + 1) } });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: "body_too_large", message: expect.stringMatching(/32 KB/) });
    expect(pulled).toBe(0);

    const chunked = await report(stream());
    expect(chunked.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(reportBodyLimitBytes + 8 * 1024);
  });

  it("limits each address: 429 with Retry-After over the limit; another address is unaffected", async () => {
    const ip = newAddress();
    for (let call = 0; call < reportLimit; call++) {
      expect((await report(JSON.stringify(reportUriBody), { ip })).status).toBe(204);
    }
    const before = await violationsCounted();
    const refused = await report(JSON.stringify(reportUriBody), { ip });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toMatchObject({ error: "rate_limited" });
    expect(await violationsCounted()).toBe(before);
    expect((await report(JSON.stringify(reportUriBody))).status).toBe(204);
  });
});
