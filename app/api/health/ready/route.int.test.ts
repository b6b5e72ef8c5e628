import { describe, expect, it } from "vitest";
import { GET } from "./route";

describe("GET /api/health/ready", () => {
  it("answers 200 with the database's status and latency", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body.status).toBe("ready");
    expect(body.checks.database.status).toBe("ok");
    expect(typeof body.checks.database.latencyMs).toBe("number");
  });
});
