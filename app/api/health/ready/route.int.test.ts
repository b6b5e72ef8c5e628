import { describe, expect, it } from "vitest";
import { GET } from "./route";

describe("GET /api/health/ready", () => {
  it("answers 200 with each dependency's status and latency, and a request id", async () => {
    const response = await GET(
      new Request("http://localhost:3999/api/health/ready", { headers: { "x-request-id": "ready-check-0001" } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-request-id")).toBe("ready-check-0001");
    const body = await response.json();
    expect(body).toMatchObject({
      status: "ready",
      checks: {
        database: { status: "ok" },
        stripe: { status: "ok", breaker: "closed" },
        configuration: { status: "ok" },
      },
    });
    expect(typeof body.checks.database.latencyMs).toBe("number");
  });

  it("replaces an unusable x-request-id with a fresh one", async () => {
    const response = await GET(
      new Request("http://localhost:3999/api/health/ready", { headers: { "x-request-id": "bad id\n" } }),
    );
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
