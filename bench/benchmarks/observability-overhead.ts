import { taskPageTargets } from "../lib/task-pages";
import type { Benchmark } from "../lib/types";

/**
 * What Sentry tracing, logging and metrics cost on a typical signed-in page: the same build, path and
 * cookies against a second server with all three off, measured in the same run.
 */
export const observabilityOverhead: Benchmark = {
  name: "observability-overhead",
  summary: "GET /tasks signed in, Sentry + logs + metrics on vs off",
  reference: "observability-off",
  goals: [{ metric: "rps", versus: "reference", ratio: 0.9 }],
  async setup(context) {
    const { product } = await taskPageTargets(context, 0);
    return { product, reference: product };
  },
};
