import { expectText } from "../lib/checks";
import type { Benchmark } from "../lib/types";

const headline = "Tasks that keep pace with you.";

/** The public landing page: static markup, but every request still passes the proxy (Clerk middleware). */
export const landing: Benchmark = {
  name: "landing",
  summary: "GET / signed out",
  async setup() {
    const verify = (body: string) => expectText(body, headline);
    return { product: { path: "/", verify }, reference: { path: "/", verify } };
  },
};
