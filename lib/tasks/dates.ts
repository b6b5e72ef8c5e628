/**
 * Due dates are calendar dates (`YYYY-MM-DD`), not instants. "Today" is the UTC date until users can
 * store a time zone; the server computes it once per request and passes it down, so the query and the
 * rendering agree.
 */

const dayMs = 86_400_000;

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

const dueFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const dueFormatWithYear = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  year: "numeric",
  timeZone: "UTC",
});

/** "Today", "Tomorrow", "Yesterday", "Mar 4", or "Mar 4, 2027" outside the current year. */
export function formatDueDate(date: string, today: string): string {
  if (date === today) return "Today";
  if (date === addDays(today, 1)) return "Tomorrow";
  if (date === addDays(today, -1)) return "Yesterday";
  const instant = new Date(`${date}T00:00:00Z`);
  return (date.slice(0, 4) === today.slice(0, 4) ? dueFormat : dueFormatWithYear).format(instant);
}
