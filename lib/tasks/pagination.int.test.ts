import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { tasks, users, type NewTask } from "@/db/schema";
import type { TaskCursor } from "@/lib/tasks/cursor";
import { priorities } from "@/lib/tasks/fields";
import { taskSorts, type TaskSort } from "@/lib/tasks/list-view";
import { listTasks, type TaskListQuery } from "./queries";
import type { TaskRow } from "./types";

const total = 10_000;
const pageSize = 97;
const base = Date.parse("2026-01-01T00:00:00Z");
const priorityRank = Object.fromEntries(priorities.map((priority, index) => [priority, index])) as Record<
  TaskRow["priority"],
  number
>;

/** The documented order of each sort, written independently of the SQL. */
const compare: Record<TaskSort, (a: TaskRow, b: TaskRow) => number> = {
  newest: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id > a.id ? 1 : -1),
  due: (a, b) => {
    if (a.dueDate !== b.dueDate) {
      if (a.dueDate === null) return 1;
      if (b.dueDate === null) return -1;
      return a.dueDate < b.dueDate ? -1 : 1;
    }
    return a.id < b.id ? -1 : 1;
  },
  priority: (a, b) => priorityRank[b.priority] - priorityRank[a.priority] || compare.newest(a, b),
};

/** Deterministic rows with many ties: three tasks per second, 40 due dates, a third undated. */
function generated(userId: string, count: number, offset = 0): NewTask[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + offset;
    return {
      userId,
      title: `Task ${n}`,
      priority: priorities[(n * 7) % 3],
      dueDate: n % 3 === 0 ? null : new Date(base + ((n * 13) % 40) * 86_400_000).toISOString().slice(0, 10),
      createdAt: new Date(base - Math.floor(n / 3) * 1000),
    };
  });
}

async function readAllPages(userId: string, sort: TaskSort, between?: (pageNumber: number) => Promise<void>) {
  const seen: TaskRow[] = [];
  let after: TaskCursor | null = null;
  let pages = 0;
  do {
    const query: TaskListQuery = {
      q: "",
      status: "all",
      due: "any",
      sort,
      after,
      limit: pageSize,
      today: "2026-01-01",
    };
    const page = await listTasks(db, userId, query);
    seen.push(...page.tasks);
    after = page.next;
    pages += 1;
    await between?.(pages);
  } while (after);
  return { seen, pages };
}

function expectSorted(rows: TaskRow[], sort: TaskSort) {
  for (let index = 1; index < rows.length; index += 1) {
    if (compare[sort](rows[index - 1] as TaskRow, rows[index] as TaskRow) >= 0) {
      throw new Error(`${sort}: row ${index} is out of order`);
    }
  }
}

describe(`keyset pagination over ${total.toLocaleString("en-US")} tasks`, () => {
  const userId = `user_it_${randomUUID().replaceAll("-", "")}`;
  let originals: Set<string>;

  beforeAll(async () => {
    await db.insert(users).values({ id: userId, plan: "pro" });
    const rows = generated(userId, total);
    for (let start = 0; start < total; start += 1_000) await db.insert(tasks).values(rows.slice(start, start + 1_000));
    const ids = await db.select({ id: tasks.id }).from(tasks).where(eq(tasks.userId, userId));
    originals = new Set(ids.map((row) => row.id));
    expect(originals.size).toBe(total);
  });

  for (const sort of taskSorts) {
    it(`returns every task exactly once, in ${sort} order, while tasks are added between pages`, async () => {
      let added = 0;
      const { seen, pages } = await readAllPages(userId, sort, async (pageNumber) => {
        // New tasks land everywhere in the order: before the cursor (never shown), after it (shown once).
        if (pageNumber % 10 !== 0) return;
        await db
          .insert(tasks)
          .values(
            generated(userId, 6, total + 1_000 * pageNumber).map((row) => ({ ...row, title: "Added while paging" })),
          );
        added += 6;
      });
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(total / pageSize));
      const ids = seen.map((task) => task.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.filter((id) => originals.has(id))).toHaveLength(total);
      expect(seen.length).toBeLessThanOrEqual(total + added);
      expectSorted(seen, sort);
      await db.delete(tasks).where(sql`${tasks.userId} = ${userId} and ${tasks.title} = 'Added while paging'`);
    });
  }

  it("keeps microsecond ties apart: timestamps a Date would round to the same millisecond", async () => {
    const owner = `user_it_${randomUUID().replaceAll("-", "")}`;
    await db.insert(users).values({ id: owner });
    // Six rows in one millisecond, two of them on the exact same microsecond.
    const stamps = ["000101", "000102", "000102", "000450", "000999", "000001"];
    for (const [index, micros] of stamps.entries()) {
      const title = `Tie ${index}`;
      const createdAt = `2026-02-01 10:00:00.${micros}+00`;
      await db.execute(
        sql`insert into tasks (user_id, title, created_at) values (${owner}, ${title}, ${createdAt}::timestamptz)`,
      );
    }
    for (const sort of ["newest", "priority"] as const) {
      const titles: string[] = [];
      let after: TaskCursor | null = null;
      do {
        const page = await listTasks(db, owner, {
          q: "",
          status: "all",
          due: "any",
          sort,
          after,
          limit: 1,
          today: "2026-01-01",
        });
        titles.push(...page.tasks.map((task) => task.title));
        after = page.next;
      } while (after);
      expect(titles).toHaveLength(stamps.length);
      expect(titles.slice(0, 1)).toEqual(["Tie 4"]);
      expect(titles.at(-1)).toBe("Tie 5");
      expect(new Set(titles).size).toBe(stamps.length);
    }
  });
});
