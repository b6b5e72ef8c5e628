import "server-only";
import { and, asc, between, eq, inArray, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db, Transaction } from "@/db/connect";
import { tasks, users } from "@/db/schema";
import { env } from "@/lib/env";
import type { TaskCursor } from "./cursor";
import { addDays } from "./dates";
import { NotFoundError, PlanLimitError } from "./errors";
import type { DueFilter, StatusFilter, TaskSort } from "./list-view";
import type { RestorableTask, TaskFields } from "./schemas";
import { splitSearch } from "./search";
import type { TaskRow, TaskUsage } from "./types";

/**
 * Every task query lives here. Each takes the database (or a transaction) first, then the owner's id,
 * and every statement is scoped by it: another user's task looks exactly like a missing one.
 */

const columns = {
  id: tasks.id,
  userId: tasks.userId,
  title: tasks.title,
  description: tasks.description,
  completed: tasks.completed,
  priority: tasks.priority,
  dueDate: tasks.dueDate,
  createdAt: tasks.createdAt,
  updatedAt: tasks.updatedAt,
};

const owned = (userId: string, taskId: string) => and(eq(tasks.userId, userId), eq(tasks.id, taskId));

export interface TaskListQuery {
  q: string;
  status: StatusFilter;
  due: DueFilter;
  sort: TaskSort;
  after: TaskCursor | null;
  limit: number;
  /** The user's current date (`YYYY-MM-DD`), for the due filters. */
  today: string;
}

export interface TaskPage {
  tasks: TaskRow[];
  /** Where the next page starts, or null on the last page. */
  next: TaskCursor | null;
}

function searchMatches(query: string): SQL {
  const { words, prefix, either } = splitSearch(query);
  const parts: SQL[] = [];
  if (words || !prefix) parts.push(sql`websearch_to_tsquery('english', ${words})`);
  if (prefix) parts.push(sql`to_tsquery('english', ${`${prefix}:*`})`);
  return sql`${tasks.search} @@ (${sql.join(parts, either ? sql` || ` : sql` && `)})`;
}

function filters(userId: string, query: TaskListQuery): SQL[] {
  const where = [eq(tasks.userId, userId)];
  if (query.status !== "all") where.push(eq(tasks.completed, query.status === "done"));
  if (query.due === "overdue") where.push(eq(tasks.completed, false), lt(tasks.dueDate, query.today));
  if (query.due === "today") where.push(eq(tasks.dueDate, query.today));
  if (query.due === "week") where.push(between(tasks.dueDate, query.today, addDays(query.today, 6)));
  if (query.q) where.push(searchMatches(query.q));
  return where;
}

// The exact timestamp as text: a JavaScript Date keeps milliseconds only.
const createdAtText = sql<string>`to_char(${tasks.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// Spelled exactly like the indexes (drizzle-kit writes DESC NULLS LAST), or PostgreSQL sorts instead
// of reading the index in order. The columns are NOT NULL, so the nulls clauses change nothing else.
const descending = (column: AnyPgColumn) => sql`${column} desc nulls last`;
const orderBy: Record<TaskSort, SQL[]> = {
  newest: [descending(tasks.createdAt), descending(tasks.id)],
  due: [sql`${tasks.dueDate} asc nulls last`, asc(tasks.id)],
  priority: [descending(tasks.priority), descending(tasks.createdAt), descending(tasks.id)],
};

/** Rows after the cursor, as one row-value comparison that an index range scan can start from. */
function keyset(after: TaskCursor): SQL {
  switch (after.sort) {
    case "newest":
      return sql`(${tasks.createdAt}, ${tasks.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`;
    case "priority": {
      const key = sql`(${tasks.priority}, ${tasks.createdAt}, ${tasks.id})`;
      return sql`${key} < (${after.priority}::task_priority, ${after.createdAt}::timestamptz, ${after.id}::uuid)`;
    }
    case "due":
      return after.dueDate === null
        ? sql`${tasks.dueDate} is null and ${tasks.id} > ${after.id}::uuid`
        : sql`(${tasks.dueDate}, ${tasks.id}) > (${after.dueDate}::date, ${after.id}::uuid)`;
  }
}

async function selectPage(db: Db, where: (SQL | undefined)[], sort: TaskSort, limit: number) {
  return db
    .select({ task: columns, createdAtText })
    .from(tasks)
    .where(and(...where))
    .orderBy(...orderBy[sort])
    .limit(limit);
}

/**
 * One page of the user's tasks. Keyset pagination: a deep page costs the same as the first, and rows
 * added or removed between page loads never shift the rest. By due date, dated tasks come first and
 * undated ones last; each part is its own index range, read one after the other.
 */
export async function listTasks(db: Db, userId: string, query: TaskListQuery): Promise<TaskPage> {
  const where = filters(userId, query);
  const after = query.after?.sort === query.sort ? query.after : null;
  const wanted = query.limit + 1;
  let rows: Awaited<ReturnType<typeof selectPage>>;
  if (query.sort !== "due") {
    rows = await selectPage(db, [...where, after ? keyset(after) : undefined], query.sort, wanted);
  } else {
    const inNullPart = after?.sort === "due" && after.dueDate === null;
    rows = inNullPart
      ? []
      : await selectPage(db, [...where, isNotNull(tasks.dueDate), after ? keyset(after) : undefined], "due", wanted);
    if (rows.length < wanted && query.due === "any") {
      const nullPart = [...where, isNull(tasks.dueDate), inNullPart && after ? keyset(after) : undefined];
      rows = [...rows, ...(await selectPage(db, nullPart, "due", wanted - rows.length))];
    }
  }
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    tasks: page.map((row) => row.task),
    next: rows.length > query.limit && last ? cursorAfter(last, query.sort) : null,
  };
}

function cursorAfter({ task, createdAtText }: { task: TaskRow; createdAtText: string }, sort: TaskSort): TaskCursor {
  if (sort === "due") return { sort, dueDate: task.dueDate, id: task.id };
  if (sort === "priority") return { sort, priority: task.priority, createdAt: createdAtText, id: task.id };
  return { sort, createdAt: createdAtText, id: task.id };
}

export async function getTask(db: Db, userId: string, taskId: string): Promise<TaskRow | undefined> {
  const [task] = await db.select(columns).from(tasks).where(owned(userId, taskId));
  return task;
}

export async function getTaskUsage(db: Db, userId: string): Promise<TaskUsage> {
  const [row] = await db.select({ plan: users.plan, open: users.openTasks }).from(users).where(eq(users.id, userId));
  if (!row) throw new NotFoundError();
  return { plan: row.plan, open: row.open, limit: row.plan === "free" ? env.FREE_TASK_LIMIT : null };
}

/**
 * Refuses to add `adding` open tasks past the Free plan's limit. The user's row holds the open count,
 * and every task write updates it under the same row lock, so locking it first makes concurrent
 * writes for one user take turns and each check sees the others' committed tasks.
 */
async function assertRoomForOpenTasks(tx: Transaction, userId: string, adding: number): Promise<void> {
  const [user] = await tx
    .select({ plan: users.plan, open: users.openTasks })
    .from(users)
    .where(eq(users.id, userId))
    .for("update");
  if (!user) throw new Error("the user's row is missing; requireUser() creates it");
  if (user.plan === "free" && user.open + adding > env.FREE_TASK_LIMIT) throw new PlanLimitError(env.FREE_TASK_LIMIT);
}

export async function createTask(db: Db, userId: string, fields: TaskFields): Promise<TaskRow> {
  return db.transaction(async (tx) => {
    await assertRoomForOpenTasks(tx, userId, 1);
    const [task] = await tx
      .insert(tasks)
      .values({ ...fields, userId })
      .returning(columns);
    return task as TaskRow;
  });
}

export async function updateTask(db: Db, userId: string, taskId: string, fields: TaskFields): Promise<TaskRow> {
  const [task] = await db.update(tasks).set(fields).where(owned(userId, taskId)).returning(columns);
  if (!task) throw new NotFoundError();
  return task;
}

/**
 * Sets a task done or open. The target state is explicit rather than flipped, so a double click or
 * a retried request lands in the same place. Reopening counts against the plan limit.
 */
export async function toggleTask(db: Db, userId: string, taskId: string, completed: boolean): Promise<TaskRow> {
  return db.transaction(async (tx) => {
    if (!completed) {
      const [current] = await tx.select(columns).from(tasks).where(owned(userId, taskId)).for("update");
      if (!current) throw new NotFoundError();
      if (!current.completed) return current;
      await assertRoomForOpenTasks(tx, userId, 1);
    }
    const [task] = await tx.update(tasks).set({ completed }).where(owned(userId, taskId)).returning(columns);
    if (!task) throw new NotFoundError();
    return task;
  });
}

/** Deletes the task and returns it, so the caller can offer to undo. */
export async function deleteTask(db: Db, userId: string, taskId: string): Promise<TaskRow> {
  const [task] = await db.delete(tasks).where(owned(userId, taskId)).returning(columns);
  if (!task) throw new NotFoundError();
  return task;
}

/**
 * Puts a just-deleted task back under its old id (undo). Restoring twice is harmless; an id that
 * belongs to someone else is "not found". A restored open task counts against the plan limit.
 */
export async function restoreTask(db: Db, userId: string, task: RestorableTask): Promise<TaskRow> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ userId: tasks.userId }).from(tasks).where(eq(tasks.id, task.id));
    if (existing && existing.userId !== userId) throw new NotFoundError();
    if (!existing && !task.completed) await assertRoomForOpenTasks(tx, userId, 1);
    const { createdAt, ...fields } = task;
    await tx
      .insert(tasks)
      .values({ ...fields, userId, createdAt: new Date(createdAt) })
      .onConflictDoNothing({ target: tasks.id });
    const [restored] = await tx.select(columns).from(tasks).where(owned(userId, task.id));
    if (!restored) throw new NotFoundError();
    return restored;
  });
}

/**
 * Marks the given tasks done, all or nothing: if any id is not the user's, nothing changes. Returns
 * how many were open before.
 */
export async function bulkCompleteTasks(db: Db, userId: string, taskIds: string[]): Promise<{ completed: number }> {
  const ids = [...new Set(taskIds)];
  return db.transaction(async (tx) => {
    const mine = await tx
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.userId, userId), inArray(tasks.id, ids)))
      .for("update");
    if (mine.length !== ids.length) throw new NotFoundError();
    const changed = await tx
      .update(tasks)
      .set({ completed: true })
      .where(and(eq(tasks.userId, userId), inArray(tasks.id, ids), eq(tasks.completed, false)))
      .returning({ id: tasks.id });
    return { completed: changed.length };
  });
}
