import { desc, eq, sql } from "drizzle-orm";
import { tasks } from "../../db/schema";
import { encodeCursor } from "../../lib/tasks/cursor";
import { DEFAULT_PAGE_SIZE } from "../../lib/tasks/list-view";
import { expectInOrder } from "./checks";
import type { BenchContext, Target } from "./types";

// The cursor needs PostgreSQL's microseconds, as the tasks query layer reads them: a Date keeps milliseconds.
const createdAtText = sql<string>`to_char(${tasks.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The signed-in /tasks page (newest first, default page size) `pagesDeep` pages in, reached the way a
 * person reaches it: with the cursor the query layer puts in the "next" link. And the baseline's page
 * running the same SQL. Both must show exactly the rows the database says belong on that page.
 */
export async function taskPageTargets(
  { db, user, signedIn }: BenchContext,
  pagesDeep: number,
): Promise<{ product: Target; reference: Target }> {
  const skip = pagesDeep * DEFAULT_PAGE_SIZE;
  if (skip + DEFAULT_PAGE_SIZE > user.taskCount) {
    throw new Error(`${pagesDeep} pages deep needs more than ${user.taskCount} tasks; raise BENCH_TASK_COUNT`);
  }
  // The last row of the previous page (the cursor's row), then the page itself.
  const rows = await db
    .select({ id: tasks.id, title: tasks.title, createdAt: createdAtText })
    .from(tasks)
    .where(eq(tasks.userId, user.id))
    .orderBy(desc(tasks.createdAt), desc(tasks.id))
    .offset(Math.max(skip - 1, 0))
    .limit(skip > 0 ? DEFAULT_PAGE_SIZE + 1 : DEFAULT_PAGE_SIZE);
  const after = skip > 0 ? rows.shift() : undefined;
  const titles = rows.map((row) => row.title);
  const cursor = after ? encodeCursor({ sort: "newest", createdAt: after.createdAt, id: after.id }) : undefined;
  const baselineQuery = new URLSearchParams({
    user: user.id,
    limit: String(DEFAULT_PAGE_SIZE),
    ...(cursor ? { cursor } : {}),
  });
  return {
    product: {
      path: cursor ? `/tasks?cursor=${cursor}` : "/tasks",
      headers: signedIn,
      verify: (body) => expectInOrder(body, titles),
    },
    reference: {
      path: `/tasks?${baselineQuery}`,
      verify: (body) => {
        if (!body.includes(`data-rows="${titles.length}"`))
          throw new Error(`the baseline did not render ${titles.length} rows`);
        expectInOrder(body, titles);
      },
    },
  };
}
