import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { clerkEvents, users, type User } from "@/db/schema";

export interface UserProfile {
  email: string | null;
  name: string | null;
  /** Clerk's `updated_at` for this version of the profile. */
  updatedAt: Date;
}

/** A user deleted in Clerk: the user.deleted event stays recorded for good, as a tombstone. */
const deletedInClerk = (userId: string) => {
  const deletion = sql`${clerkEvents.userId} = ${userId} and ${clerkEvents.type} = 'user.deleted'`;
  return sql`exists (select 1 from ${clerkEvents} where ${deletion})`;
};

/**
 * Creates the user's row if it is missing, unless Clerk deleted the user: a session token issued before
 * the deletion stays valid for a minute and must not bring the account back. INSERT … ON CONFLICT DO
 * NOTHING is atomic, so any number of concurrent first requests create exactly one row.
 */
export async function ensureUser(db: Db, userId: string): Promise<"created" | "exists" | "deleted"> {
  const insert = sql`insert into ${users} (id) select ${userId} where not ${deletedInClerk(userId)}`;
  const inserted = await db.execute<{ id: string }>(sql`${insert} on conflict do nothing returning id`);
  if (inserted.length > 0) return "created";
  const [row] = await db.execute<{ deleted: boolean }>(sql`select ${deletedInClerk(userId)} as deleted`);
  return row?.deleted ? "deleted" : "exists";
}

export async function getUser(db: Db, userId: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user;
}

/** Profiles are versioned by Clerk's updated_at: an older one never replaces a newer one. */
const isNewer = (updatedAt: Date) => or(isNull(users.clerkUpdatedAt), lt(users.clerkUpdatedAt, updatedAt));

const profileColumns = ({ email, name, updatedAt }: UserProfile) => ({ email, name, clerkUpdatedAt: updatedAt });

export async function updateUserProfile(db: Db, userId: string, profile: UserProfile): Promise<void> {
  await db
    .update(users)
    .set(profileColumns(profile))
    .where(and(eq(users.id, userId), isNewer(profile.updatedAt)));
}

type ClerkUserEvent = { id: string; userId: string } & (
  { type: "user.created" | "user.updated"; profile: UserProfile } | { type: "user.deleted" }
);

/**
 * Applies one Clerk user event exactly once. The event id is recorded in the same transaction as its
 * effect, so a replay or a concurrent duplicate changes nothing. An update that arrives after the
 * user was deleted is ignored (Clerk never reuses user ids), and so is one older than the stored profile.
 */
export async function applyClerkUserEvent(
  db: Db,
  event: ClerkUserEvent,
): Promise<"applied" | "duplicate" | "ignored" | "stale"> {
  return db.transaction(async (tx) => {
    const recorded = await tx
      .insert(clerkEvents)
      .values({ id: event.id, type: event.type, userId: event.userId })
      .onConflictDoNothing()
      .returning({ id: clerkEvents.id });
    if (recorded.length === 0) return "duplicate";

    if (event.type === "user.deleted") {
      // Tasks go with the user (ON DELETE CASCADE).
      await tx.delete(users).where(eq(users.id, event.userId));
      return "applied";
    }
    const [deletion] = await tx
      .select({ id: clerkEvents.id })
      .from(clerkEvents)
      .where(and(eq(clerkEvents.userId, event.userId), eq(clerkEvents.type, "user.deleted")));
    if (deletion) return "ignored";
    const columns = profileColumns(event.profile);
    const written = await tx
      .insert(users)
      .values({ id: event.userId, ...columns })
      .onConflictDoUpdate({ target: users.id, set: columns, setWhere: isNewer(event.profile.updatedAt) })
      .returning({ id: users.id });
    return written.length > 0 ? "applied" : "stale";
  });
}
