import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeCursor } from "./cursor";
import { parseTaskListParams } from "./list-params";
import { DEFAULT_PAGE_SIZE, dueFilters, MAX_PAGE_SIZE, statusFilters, taskListHref } from "./list-view";

const cursor = encodeCursor({ sort: "due", dueDate: "2026-03-01", id: "5b0c8f2e-7f7e-4c4e-9c39-2f1f3c0f8a11" });

describe("parseTaskListParams", () => {
  it("reads a valid view from the URL", () => {
    expect(
      parseTaskListParams({ q: "  report  ", status: "open", due: "week", sort: "due", limit: "5", cursor }),
    ).toEqual({
      q: "report",
      status: "open",
      due: "week",
      sort: "due",
      limit: 5,
      cursor,
      after: { sort: "due", dueDate: "2026-03-01", id: "5b0c8f2e-7f7e-4c4e-9c39-2f1f3c0f8a11" },
    });
  });

  it("falls back to the default for each bad parameter on its own", () => {
    expect(
      parseTaskListParams({
        status: "archived",
        due: "yesterday",
        sort: "random",
        limit: "5000",
        cursor: "garbage",
        q: "ok",
      }),
    ).toEqual({
      q: "ok",
      status: "all",
      due: "any",
      sort: "newest",
      limit: DEFAULT_PAGE_SIZE,
      cursor: null,
      after: null,
    });
    expect(parseTaskListParams({ limit: "0" }).limit).toBe(DEFAULT_PAGE_SIZE);
    expect(parseTaskListParams({ limit: "2.5" }).limit).toBe(DEFAULT_PAGE_SIZE);
    // A cursor made for another sort order starts from the first page.
    expect(parseTaskListParams({ sort: "priority", cursor }).after).toBeNull();
  });

  it("takes the first of repeated parameters, and cleans and caps the search text", () => {
    expect(parseTaskListParams({ status: ["done", "open"], q: ["a", "b"] })).toMatchObject({ status: "done", q: "a" });
    expect(parseTaskListParams({ q: `x\u0000y\ud800${"z".repeat(300)}` }).q).toBe(`xy\ufffd${"z".repeat(197)}`);
  });

  it("never throws and always yields a usable view", () => {
    const value = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.constant(undefined));
    fc.assert(
      fc.property(
        fc.record({ q: value, status: value, due: value, sort: value, limit: value, cursor: value }),
        (params) => {
          const view = parseTaskListParams(params);
          expect(statusFilters).toContain(view.status);
          expect(dueFilters).toContain(view.due);
          expect(view.limit).toBeGreaterThanOrEqual(1);
          expect(view.limit).toBeLessThanOrEqual(MAX_PAGE_SIZE);
          expect(view.q.length).toBeLessThanOrEqual(200);
        },
      ),
    );
  });
});

describe("taskListHref", () => {
  it("leaves defaults out and round-trips through the parser", () => {
    expect(taskListHref({ status: "all", due: "any", sort: "newest", limit: DEFAULT_PAGE_SIZE, q: "" })).toBe("/tasks");
    const href = taskListHref({ q: "a&b=c", status: "done", due: "today", sort: "due", limit: 5, cursor });
    const params = Object.fromEntries(new URL(href, "http://localhost").searchParams);
    expect(parseTaskListParams(params)).toMatchObject({
      q: "a&b=c",
      status: "done",
      due: "today",
      sort: "due",
      limit: 5,
      cursor,
    });
  });
});
