import { taskPageTargets } from "../lib/task-pages";
import type { Benchmark } from "../lib/types";

/** Keyset pagination's promise: 1,000 pages in costs what the first page costs. */
export const tasksDeepPage: Benchmark = {
  name: "tasks-deep-page",
  summary: "GET /tasks?cursor=… signed in, 1,000 pages deep",
  goals: [{ metric: "p50", versus: { benchmark: "tasks-first-page" }, ratio: 1.2 }],
  setup: (context) => taskPageTargets(context, 1_000),
};
