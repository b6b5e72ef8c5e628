import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/connect";
import { clerkEvents, users, type User } from "@/db/schema";

export interface UserProfile {
  email: string | null;
  name: string | null;
}

/**
 * Creates the user's row if it is missing. INSERT … ON CONFLICT DO NOTHING is atomic, so any number
 * of concurrent first requests create exactly one row. Returns whether this call created it.
 */
export async function ensureUser(db: Db, userId: string): Promise<{ created: boolean }> {
  const inserted = await db.insert(users).values({ id: userId }).onConflictDoNothing().returning({ id: users.id });
  return { created: inserted.length > 0 };
}

export async function getUser(db: Db, userId: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user;
}

export async function updateUserProfile(db: Db, userId: string, profile: UserProfile): Promise<void> {
  await db.update(users).set(profile).where(eq(users.id, userId));
}

type ClerkUserEvent = { id: string; userId: string } & (
  { type: "user.created" | "user.updated"; profile: UserProfile } | { type: "user.deleted" }
);

/**
 * Applies one Clerk user event exactly once. The event id is recorded in the same transaction as its
 * effect, so a replay or a concurrent duplicate changes nothing. An update that arrives after the
 * user was deleted is ignored: Clerk never reuses user ids.
 */
export async function applyClerkUserEvent(db: Db, event: ClerkUserEvent): Promise<"applied" | "duplicate" | "ignored"> {
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
    await tx
      .insert(users)
      .values({ id: event.userId, ...event.profile })
      .onConflictDoUpdate({ target: users.id, set: event.profile });
    return "applied";
  });
}
