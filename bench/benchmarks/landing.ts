import { expectText } from "../lib/checks";
import type { Benchmark } from "../lib/types";

const headline = "Tasks that keep pace with you.";

/** The public landing page, prerendered at build time, against a bare Next.js app serving the same text. */
export const landing: Benchmark = {
  name: "landing",
  summary: "GET / signed out",
  goals: [{ metric: "rps", versus: "reference", ratio: 0.75 }],
  async setup() {
    const verify = (body: string) => expectText(body, headline);
    return { product: { path: "/", verify }, reference: { path: "/", verify } };
  },
};
