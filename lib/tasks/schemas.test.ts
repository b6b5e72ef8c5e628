import { describe, expect, it } from "vitest";
import { bulkCompleteSchema, restoreTaskSchema, taskFieldsSchema, taskIdSchema } from "./schemas";

const errorsOf = (input: unknown) => {
  const result = taskFieldsSchema.safeParse(input);
  return result.success ? {} : result.error.flatten().fieldErrors;
};

describe("taskFieldsSchema", () => {
  it("trims the title, defaults the rest, and turns an empty due date into none", () => {
    expect(taskFieldsSchema.parse({ title: "  Plan Q3  ", description: null, priority: null, dueDate: "" })).toEqual({
      title: "Plan Q3",
      description: "",
      priority: "medium",
      dueDate: null,
    });
  });

  it("counts characters as PostgreSQL does: 200 emoji fit in a title, 201 do not", () => {
    expect(taskFieldsSchema.safeParse({ title: "🚀".repeat(200) }).success).toBe(true);
    expect(errorsOf({ title: "🚀".repeat(201) }).title).toEqual(["Keep the title to 200 characters or fewer."]);
    expect(errorsOf({ title: "ok", description: "é".repeat(5_001) }).description).toEqual([
      "Keep the description to 5,000 characters or fewer.",
    ]);
  });

  it("refuses what the database could not store or would misread", () => {
    expect(errorsOf({ title: "   " }).title).toEqual(["Enter a title."]);
    expect(errorsOf({ title: 42 }).title).toEqual(["Enter a title."]);
    expect(errorsOf({ title: "a\u0000b" }).title).toEqual(["The title contains characters we can’t store."]);
    expect(errorsOf({ title: "a\ud800" }).title).toEqual(["The title contains characters we can’t store."]);
    expect(errorsOf({ title: "ok", priority: "urgent" }).priority).toEqual(["Choose low, medium or high."]);
    for (const dueDate of ["2026-02-30", "0999-01-01", "tomorrow", "2026-1-1", 20260101]) {
      expect(errorsOf({ title: "ok", dueDate }).dueDate).toEqual(["Enter a valid date."]);
    }
    expect(taskFieldsSchema.parse({ title: "ok", dueDate: "2028-02-29" }).dueDate).toBe("2028-02-29");
  });
});

describe("ids", () => {
  it("an id that is not a uuid is a validation error", () => {
    expect(taskIdSchema.safeParse("5b0c8f2e-7f7e-4c4e-9c39-2f1f3c0f8a11").success).toBe(true);
    for (const id of [
      "1",
      "5b0c8f2e7f7e4c4e9c392f1f3c0f8a11",
      "5b0c8f2e-7f7e-4c4e-9c39-2f1f3c0f8a11' or 1=1",
      null,
      {},
    ]) {
      expect(taskIdSchema.safeParse(id).success).toBe(false);
    }
  });

  it("bulk-complete takes 1 to 100 ids and drops repeats", () => {
    const id = "5b0c8f2e-7f7e-4c4e-9c39-2f1f3c0f8a11";
    expect(bulkCompleteSchema.parse({ ids: [id, id] })).toEqual({ ids: [id] });
    expect(bulkCompleteSchema.safeParse({ ids: [] }).success).toBe(false);
    expect(bulkCompleteSchema.safeParse({ ids: Array.from({ length: 101 }, () => id) }).success).toBe(false);
  });

  it("a restore needs a real timestamp", () => {
    const task = { id: "5b0c8f2e-7f7e-4c4e-9c39-2f1f3c0f8a11", title: "x", completed: false, dueDate: null };
    expect(restoreTaskSchema.safeParse({ ...task, createdAt: "2026-01-01T10:00:00.123Z" }).success).toBe(true);
    expect(restoreTaskSchema.safeParse({ ...task, createdAt: "0000-01-01T00:00:00Z" }).success).toBe(false);
    expect(restoreTaskSchema.safeParse({ ...task, createdAt: "soon" }).success).toBe(false);
  });
});
