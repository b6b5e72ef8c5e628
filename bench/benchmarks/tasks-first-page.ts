import { taskPageTargets } from "../lib/task-pages";
import type { Benchmark } from "../lib/types";

/** The signed-in tasks list of a user with many tasks, against the baseline running the same SQL without auth. */
export const tasksFirstPage: Benchmark = {
  name: "tasks-first-page",
  summary: "GET /tasks signed in, first page",
  goals: [
    { metric: "rps", versus: "reference", ratio: 0.7 },
    // Rendering and serialising cost CPU in proportion to what is sent.
    { metric: "appCpu", versus: "reference", ratio: 2 },
    { metric: "kbPerResponse", atMost: 40 },
    // The page's database cost must not grow with the user's data.
    { metric: "dbCpu", versus: { benchmark: "tasks-first-page-300" }, ratio: 1.5 },
  ],
  setup: (context) => taskPageTargets(context, 0),
};
