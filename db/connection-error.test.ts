import { describe, expect, it } from "vitest";
import { describeUnreachableDatabase } from "./connection-error";

describe("describeUnreachableDatabase", () => {
  it("names host and port in one line without the password", () => {
    const message = describeUnreachableDatabase("postgres://app:hunter2@db.internal:6543/tasks", {
      code: "ECONNREFUSED",
    });
    expect(message).toBe(
      "Cannot reach PostgreSQL at db.internal:6543 (ECONNREFUSED). Is the server running? Check DATABASE_URL.",
    );
    expect(message).not.toContain("hunter2");
  });

  it("defaults the port to 5432", () => {
    expect(describeUnreachableDatabase("postgres://localhost/tasks", { code: "ENOTFOUND" })).toContain(
      "localhost:5432",
    );
  });

  it("sees the driver's code through wrappers such as Drizzle's query error", () => {
    const wrapped = Object.assign(new Error("Failed query: select 1"), { cause: { code: "ECONNREFUSED" } });
    expect(describeUnreachableDatabase("postgres://127.0.0.1:9/x", wrapped)).toContain("127.0.0.1:9 (ECONNREFUSED)");
  });

  it("returns null for errors that are not about reaching the server", () => {
    expect(describeUnreachableDatabase("postgres://localhost/tasks", { code: "42P01" })).toBeNull();
    expect(describeUnreachableDatabase("postgres://localhost/tasks", new Error("boom"))).toBeNull();
  });
});
