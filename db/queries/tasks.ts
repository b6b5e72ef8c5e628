import "server-only";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { tasks, type Task } from "@/db/schema";

/** The user's newest tasks. Every statement here is scoped by the owner's id. */
export async function listTasks(userId: string, limit = 50): Promise<Task[]> {
  return db.select().from(tasks).where(eq(tasks.userId, userId)).orderBy(desc(tasks.createdAt), desc(tasks.id)).limit(limit);
}
