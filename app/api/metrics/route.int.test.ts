import { describe, expect, it } from "vitest";
import { GET as ready } from "@/app/api/health/ready/route";
import { env } from "@/lib/env";
import { GET } from "./route";

const scrape = (authorization?: string) =>
  GET(new Request("http://localhost:3999/api/metrics", { headers: authorization ? { authorization } : {} }));

describe("GET /api/metrics", () => {
  it("refuses a missing or wrong token", async () => {
    for (const header of [undefined, "Bearer wrong", env.METRICS_TOKEN, `Basic ${env.METRICS_TOKEN}`]) {
      const response = await scrape(header);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it("serves the Prometheus text format with the app's metrics", async () => {
    await ready(new Request("http://localhost:3999/api/health/ready"));
    const response = await scrape(`Bearer ${env.METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const body = await response.text();
    for (const name of [
      "http_request_duration_seconds",
      "external_call_duration_seconds",
      "db_slow_queries_total",
      "webhook_events_total",
      "circuit_breaker_state",
      "process_cpu_user_seconds_total",
    ]) {
      expect(body).toContain(`# TYPE ${name}`);
    }
    expect(body).toMatch(
      /http_request_duration_seconds_count\{route="\/api\/health\/ready",method="GET",status="200"\} \d+/,
    );
    expect(body).toMatch(
      /external_call_duration_seconds_count\{service="database",operation="select",outcome="ok"\} \d+/,
    );
  });
});
