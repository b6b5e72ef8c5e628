import type { Benchmark } from "../lib/types";
import { landing } from "./landing";
import { ready } from "./ready";
import { tasksDeepPage } from "./tasks-deep-page";
import { tasksFirstPage } from "./tasks-first-page";

/** Run in this order; a goal may refer to any other benchmark's product figure. */
export const benchmarks: Benchmark[] = [landing, ready, tasksFirstPage, tasksDeepPage];
