import type { Scenario } from "../lib/types";
import { paymentsChaos } from "./payments-chaos";

/** Run after every benchmark, in this order. */
export const scenarios: Scenario[] = [paymentsChaos];
