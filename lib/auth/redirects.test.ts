import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./redirects";

const origin = "http://localhost:3000";

describe("safeReturnPath", () => {
  it.each([
    ["/tasks?status=open", "/tasks?status=open"],
    ["/billing#history", "/billing#history"],
    ["http://localhost:3000/status", "/status"],
  ])("keeps same-site target %s", (target, expected) => {
    expect(safeReturnPath(target, origin)).toBe(expected);
  });

  it.each([
    "https://evil.example",
    "https://evil.example/tasks",
    "//evil.example/tasks",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http://localhost:3001/tasks",
    "tasks",
    "",
    undefined,
    ["/tasks"],
  ])("falls back to /tasks for %j", (target) => {
    expect(safeReturnPath(target, origin)).toBe("/tasks");
  });
});
