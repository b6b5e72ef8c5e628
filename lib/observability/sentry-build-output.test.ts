import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as Sentry from "@sentry/nextjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isBuildOutput, leaveBuildOutputToNextJs } from "./sentry-build-output";

describe("isBuildOutput", () => {
  it("is true for prerendered pages and Next.js's static assets", () => {
    expect(isBuildOutput("/")).toBe(true);
    expect(isBuildOutput("/?_rsc=1a2b")).toBe(true);
    expect(isBuildOutput("/_next/static/chunks/0ku2yltfwvii9.js")).toBe(true);
  });

  it("is false for every page and route that runs code", () => {
    expect(isBuildOutput("/tasks")).toBe(false);
    expect(isBuildOutput("/api/health/ready")).toBe(false);
    expect(isBuildOutput("/_next/image?url=%2Ficon.svg")).toBe(false);
  });
});

describe("leaveBuildOutputToNextJs, with Sentry's own HTTP server instrumentation", () => {
  let server: Server;
  let origin: string;
  /** Whether each request reached the server inside an isolation scope of its own. */
  const isolated = new Map<string, boolean>();
  let processScope: Sentry.Scope;

  beforeAll(async () => {
    Sentry.init({
      dsn: "http://public@127.0.0.1:9/1",
      enableOpenTelemetrySetup: false,
      // Only the integration under test: the default set would also hook this test process's errors.
      defaultIntegrations: false,
      integrations: [Sentry.httpIntegration()],
      transport: () => ({ send: async () => ({}), flush: async () => true }),
    });
    leaveBuildOutputToNextJs();
    processScope = Sentry.getIsolationScope();
    server = createServer((request, response) => {
      isolated.set(request.url ?? "", Sentry.getIsolationScope() !== processScope);
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await Sentry.close();
  });

  it("lets prerendered pages and static assets through untouched and still isolates every other request", async () => {
    const paths = ["/", "/_next/static/chunks/app.js", "/tasks", "/api/health/ready"];
    for (const path of paths) await (await fetch(origin + path)).arrayBuffer();
    expect(Object.fromEntries(isolated)).toEqual({
      "/": false,
      "/_next/static/chunks/app.js": false,
      "/tasks": true,
      "/api/health/ready": true,
    });
  });
});
