import { describe, expect, it } from "vitest";
import { addDays, formatDueDate, todayUtc } from "./dates";

describe("due dates", () => {
  it("adds days across months and leap years", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("reads relative to today, with the year only when it differs", () => {
    const today = todayUtc(new Date("2026-03-10T23:30:00Z"));
    expect(today).toBe("2026-03-10");
    expect(formatDueDate("2026-03-10", today)).toBe("Today");
    expect(formatDueDate("2026-03-11", today)).toBe("Tomorrow");
    expect(formatDueDate("2026-03-09", today)).toBe("Yesterday");
    expect(formatDueDate("2026-04-02", today)).toBe("Apr 2");
    expect(formatDueDate("2027-01-05", today)).toBe("Jan 5, 2027");
  });
});
