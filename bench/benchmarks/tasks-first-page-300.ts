import { randomBytes } from "node:crypto";
import { clerkTestApi } from "../lib/clerk";
import { seedTasks } from "../lib/database";
import { taskPageTargets } from "../lib/task-pages";
import type { Benchmark } from "../lib/types";

const taskCount = 300;

/**
 * The same first page for a second user who keeps 300 tasks: tasks-first-page's database cost per
 * request, measured for 100,000 tasks, is judged against this one.
 */
export const tasksFirstPage300: Benchmark = {
  name: "tasks-first-page-300",
  summary: `GET /tasks signed in, first page, a user with ${taskCount} tasks`,
  async setup(context) {
    const clerk = clerkTestApi(Number(new URL(context.origin).port));
    const profile = { email: `bench.small.${randomBytes(4).toString("hex")}@example.test`, firstName: "Small" };
    const id = await clerk.createUser({ ...profile, lastName: "List" });
    await seedTasks(context.db, { id, email: profile.email, name: "Small List" }, taskCount);
    const { cookie } = await clerk.sessionCookie(id, 3_600);
    return taskPageTargets({ ...context, user: { id, taskCount }, signedIn: { cookie } }, 0);
  },
};
