import { sql } from "drizzle-orm";
import { boolean, check, date, index, pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";

export const planEnum = pgEnum("plan", ["free", "pro"]);
/** Declared low to high, so ORDER BY priority sorts by importance. */
export const priorityEnum = pgEnum("task_priority", ["low", "medium", "high"]);

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

export const users = pgTable("users", {
  /** Clerk's user id (`user_…`), so no mapping table is needed. */
  id: text("id").primaryKey(),
  email: text("email"),
  name: text("name"),
  plan: planEnum("plan").notNull().default("free"),
  ...timestamps,
});

export const tasks = pgTable(
  "tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: varchar("title", { length: 200 }).notNull(),
    description: text("description").notNull().default(""),
    completed: boolean("completed").notNull().default(false),
    priority: priorityEnum("priority").notNull().default("medium"),
    dueDate: date("due_date", { mode: "string" }),
    ...timestamps,
  },
  (table) => [
    // Keyset pagination: each sort order is (user_id, sort key, id) so a page is one index range scan.
    index("tasks_user_created_idx").on(table.userId, table.createdAt.desc(), table.id.desc()),
    index("tasks_user_due_idx").on(table.userId, table.dueDate, table.id),
    index("tasks_user_priority_idx").on(table.userId, table.priority.desc(), table.createdAt.desc(), table.id.desc()),
    check("tasks_title_length", sql`char_length(${table.title}) between 1 and 200`),
    check("tasks_description_length", sql`char_length(${table.description}) <= 5000`),
  ],
);

export type User = typeof users.$inferSelect;
export type Task = typeof tasks.$inferSelect;
export type NewTask = typeof tasks.$inferInsert;

/** Clerk webhook deliveries already applied, by svix id: a replay or duplicate finds its row and stops. */
export const clerkEvents = pgTable(
  "clerk_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    userId: text("user_id").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("clerk_events_user_idx").on(table.userId, table.type)],
);
