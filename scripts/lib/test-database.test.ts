import { describe, expect, it } from "vitest";
import { assertLocalDatabase } from "./test-database";

describe("assertLocalDatabase", () => {
  it.each(["postgres://127.0.0.1:5432/x", "postgres://localhost/x", "postgres://[::1]:5432/x"])("accepts %s", (url) => {
    expect(() => assertLocalDatabase(url)).not.toThrow();
  });

  it.each(["postgres://db.example.com/x", "postgres://10.0.0.5/x"])("refuses %s", (url) => {
    expect(() => assertLocalDatabase(url)).toThrow(/non-local database host/);
  });
});
