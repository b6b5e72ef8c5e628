import type { Benchmark } from "../lib/types";
import { landing } from "./landing";
import { observabilityOverhead } from "./observability-overhead";
import { ready } from "./ready";
import { tasksCreateAction } from "./tasks-create-action";
import { tasksDeepPage } from "./tasks-deep-page";
import { tasksFirstPage } from "./tasks-first-page";
import { tasksFirstPage300 } from "./tasks-first-page-300";
import { webhookIngestion } from "./webhook-ingestion";

/**
 * Run in this order; a goal may refer to any other benchmark's product figure. Benchmarks that add the
 * bench user's tasks come after those that read them.
 */
export const benchmarks: Benchmark[] = [
  landing,
  ready,
  tasksFirstPage,
  tasksFirstPage300,
  tasksDeepPage,
  observabilityOverhead,
  webhookIngestion,
  tasksCreateAction,
];
