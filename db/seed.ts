import { eq } from "drizzle-orm";
import type { Database } from "./connect";
import { tasks, users, type NewTask } from "./schema";

/** The demo account; the Clerk emulator lists a user with the same id on its sign-in page. */
export const demoUser = {
  id: "user_demo_0000000000000000000001",
  email: "demo@taskpilot.dev",
  name: "Demo User",
} as const;

const subjects = [
  "quarterly report",
  "onboarding checklist",
  "API docs",
  "landing page copy",
  "invoice #1042",
  "team offsite",
  "Q3 roadmap",
  "customer interview notes",
  "billing migration",
  "design review",
  "release notes",
  "security audit",
  "hiring plan",
  "support backlog",
  "analytics dashboard",
  "mobile app beta",
  "vendor contract",
  "board deck",
  "blog post on pricing",
  "incident postmortem",
];
const verbs = [
  "Draft",
  "Review",
  "Finish",
  "Send",
  "Update",
  "Plan",
  "Schedule",
  "Fix",
  "Prepare",
  "Follow up on",
  "Clean up",
  "Share",
  "Outline",
  "Test",
  "Archive",
];
const details = [
  "Check the numbers with finance before sending.",
  "Loop in Priya and Marco; they own the data.",
  "Keep it under two pages. Link the appendix instead.",
  "Blocked until the staging deploy is green.",
  "Use last quarter's template so the comparison is easy.",
  "Ask legal whether the new clause is needed.",
  "",
  "",
];
const priorities = ["low", "medium", "high"] as const;

/** A small deterministic PRNG so every seed produces the same, realistic-looking data. */
function mulberry32(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const dayMs = 86_400_000;

export function demoTasks(userId: string, count: number, now = new Date()): NewTask[] {
  const random = mulberry32(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, (_, index) => {
    const createdAt = new Date(now.getTime() - Math.floor(random() * 90 * dayMs) - index * 1000);
    const hasDueDate = random() < 0.7;
    const dueDate = hasDueDate
      ? new Date(now.getTime() + Math.floor((random() * 75 - 30) * dayMs)).toISOString().slice(0, 10)
      : null;
    return {
      userId,
      title: `${pick(verbs)} ${pick(subjects)}`,
      description: pick(details),
      priority: pick(priorities),
      completed: random() < 0.4,
      dueDate,
      createdAt,
      updatedAt: createdAt,
    };
  });
}

/** Creates the demo user (or resets its tasks) with `count` tasks. Safe to run again. */
export async function seedDemoData(db: Database, count = 300): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(users)
      .values(demoUser)
      .onConflictDoUpdate({ target: users.id, set: { email: demoUser.email, name: demoUser.name } });
    await tx.delete(tasks).where(eq(tasks.userId, demoUser.id));
    const rows = demoTasks(demoUser.id, count);
    for (let start = 0; start < rows.length; start += 500) {
      await tx.insert(tasks).values(rows.slice(start, start + 500));
    }
  });
}
