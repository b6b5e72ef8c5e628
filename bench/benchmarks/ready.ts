import { z } from "zod";
import type { Benchmark } from "../lib/types";

const readySchema = z.object({ status: z.literal("ready") });

/** The smallest database-backed route: one `select 1` round trip behind the readiness endpoint. */
export const ready: Benchmark = {
  name: "ready",
  summary: "GET readiness (select 1)",
  async setup() {
    const verify = (body: string) => void readySchema.parse(JSON.parse(body));
    return { product: { path: "/api/health/ready", verify }, reference: { path: "/api/ready", verify } };
  },
};
