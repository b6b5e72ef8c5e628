import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const instances: { process: ChildProcess; url: string }[] = [];

/** The app's Stripe webhook handler in a process of its own, with its own pool and its own limiter objects. */
async function startInstance(env: Record<string, string>) {
  const child = fork(path.join(root, "tests/support/webhook-instance.ts"), {
    execArgv: ["--import", "./tests/support/app-modules-hook.mjs", "--import", "tsx"],
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`webhook instance exited with ${code}`)));
  });
  instances.push({ process: child, url: `http://127.0.0.1:${port}/api/webhooks/stripe` });
}

// Two processes on one database need a real server: embedded PGlite serves one connection at a time.
describe.runIf(inject("databaseKind") === "postgresql")("two app instances", () => {
  beforeAll(async () => {
    const limits = { RATE_LIMIT_WEBHOOKS_PER_IP: "4", RATE_LIMIT_WINDOW_SECONDS: "60" };
    await Promise.all([startInstance(limits), startInstance(limits)]);
  }, 60_000);
  afterAll(() => instances.forEach((instance) => instance.process.disconnect()));

  it("share one count per address: the fifth delivery is refused whichever instance gets it", async () => {
    expect(new Set(instances.map((instance) => instance.process.pid)).size).toBe(2);
    const sender = "198.51.100.23";
    const answers: { status: number; retryAfter: string | null }[] = [];
    for (let delivery = 0; delivery < 6; delivery++) {
      const response = await fetch(instances[delivery % 2]!.url, {
        method: "POST",
        body: JSON.stringify({ id: `evt_${delivery}`, type: "payment_intent.succeeded" }),
        headers: { "content-type": "application/json", "x-forwarded-for": sender },
      });
      answers.push({ status: response.status, retryAfter: response.headers.get("retry-after") });
    }
    // Each instance saw three deliveries, under the limit of four on its own.
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 429, 429]);
    for (const answer of answers.slice(4)) expect(Number(answer.retryAfter)).toBeGreaterThan(0);

    const elsewhere = await fetch(instances[0]!.url, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.24" },
    });
    expect(elsewhere.status).toBe(400);
  });
});
