import { sql, type SQL } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

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
  /**
   * The user's tasks that are not completed, kept by statement triggers on tasks (migration 0004) in
   * the same transaction as every task write, so the usage meter and the plan limit read one row.
   */
  openTasks: integer("open_tasks").notNull().default(0),
  /** Clerk's `updated_at` of the profile stored here, so an older user.updated delivery is not applied. */
  clerkUpdatedAt: timestamp("clerk_updated_at", { withTimezone: true }),
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
    /** Full-text search document, kept in sync by PostgreSQL itself; title words weigh more. */
    search: tsvector("search").generatedAlwaysAs((): SQL => {
      const title = sql`setweight(to_tsvector('english', ${tasks.title}), 'A')`;
      const description = sql`setweight(to_tsvector('english', ${tasks.description}), 'B')`;
      return sql`${title} || ${description}`;
    }),
    ...timestamps,
  },
  (table) => [
    // Keyset pagination: each sort order is (user_id, sort key, id) so a page is one index range scan.
    index("tasks_user_created_idx").on(table.userId, table.createdAt.desc(), table.id.desc()),
    index("tasks_user_due_idx").on(table.userId, table.dueDate, table.id),
    index("tasks_user_priority_idx").on(table.userId, table.priority.desc(), table.createdAt.desc(), table.id.desc()),
    index("tasks_search_idx").using("gin", table.search),
    check("tasks_title_length", sql`char_length(${table.title}) between 1 and 200`),
    check("tasks_description_length", sql`char_length(${table.description}) <= 5000`),
  ],
);

export type User = typeof users.$inferSelect;
export type Plan = (typeof planEnum.enumValues)[number];
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

/** A dispute on the order's charge: open suspends Pro, lost revokes it, won restores it. */
export const disputeStatusEnum = pgEnum("dispute_status", ["open", "lost", "won"]);

export const orderStatusEnum = pgEnum("order_status", [
  "requires_payment",
  "processing",
  "succeeded",
  "failed",
  "canceled",
  "refunded",
]);

/** One row per purchase attempt. Kept for accounting when the person is deleted (user_id becomes null). */
export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    stripePaymentIntentId: text("stripe_payment_intent_id").unique(),
    /** In the currency's minor unit (paise, cents). */
    amount: integer("amount").notNull(),
    currency: varchar("currency", { length: 3 }).notNull(),
    status: orderStatusEnum("status").notNull().default("requires_payment"),
    /** Refunded so far, in minor units; Pro stays unless the whole amount is refunded. */
    amountRefunded: integer("amount_refunded").notNull().default(0),
    disputeStatus: disputeStatusEnum("dispute_status"),
    /** When the stored state was read from Stripe: among unfinished states, a later read wins. */
    stripeReadAt: timestamp("stripe_read_at", { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    index("orders_user_idx").on(table.userId, table.createdAt.desc()),
    // At most one unfinished order per user, so concurrent "Buy Pro" clicks reuse it instead of racing,
    // and a processing payment blocks a second charge. A declined card leaves the PaymentIntent payable,
    // so a failed order stays open for another try.
    uniqueIndex("orders_one_unfinished_per_user_idx")
      .on(table.userId)
      .where(sql`${table.status} in ('requires_payment', 'failed', 'processing')`),
    check("orders_amount_positive", sql`${table.amount} > 0`),
  ],
);

/** Every Stripe event received, by event id: the dedupe key, and the backlog of unprocessed events. */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    objectId: text("object_id").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (table) => [
    index("stripe_events_unprocessed_idx")
      .on(table.receivedAt)
      .where(sql`${table.processedAt} is null`),
  ],
);

/**
 * Abuse-limit counters, in the layout rate-limiter-flexible's PostgreSQL store expects (it inserts
 * positionally: key, points, expire). One row per limited key (`<bucket>:<user|ip>:<id>`); `expire` is
 * the end of the key's window in epoch milliseconds. Made by a migration because the app's database
 * role may not create tables. Migration 0005 makes it UNLOGGED (drizzle-kit cannot say so here): a
 * counter needs no crash safety, and skipping the WAL spares every limited request a disk flush.
 */
export const rateLimits = pgTable("rate_limits", {
  key: varchar("key", { length: 255 }).primaryKey(),
  points: integer("points").notNull().default(0),
  expire: bigint("expire", { mode: "number" }),
});

export type Order = typeof orders.$inferSelect;
export type OrderStatus = (typeof orderStatusEnum.enumValues)[number];
export type DisputeStatus = (typeof disputeStatusEnum.enumValues)[number];
