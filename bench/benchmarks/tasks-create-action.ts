import { readFileSync } from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { tasks } from "../../db/schema";
import { initialTaskFormState } from "../../lib/tasks/form-state";
import type { Benchmark } from "../lib/types";

const manifestSchema = z.object({
  node: z.record(z.string(), z.object({ filename: z.string(), exportedName: z.string() }).loose()),
});

/** The action's id in this build: Next.js derives it from the build, so it is looked up, never hard-coded. */
function actionId(distDir: string, filename: string, exportedName: string): string {
  const manifest = manifestSchema.parse(
    JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")),
  );
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === filename && entry.exportedName === exportedName,
  );
  if (!found) throw new Error(`${exportedName} from ${filename} is not in ${distDir}'s server reference manifest`);
  return found[0];
}

/**
 * What React's client sends for `useActionState(createTaskAction)` on submit (captured from Chromium):
 * multipart, the form's fields under the prefix `_1_`, and field `0` holding the arguments (the
 * previous state, then `$K1`: the FormData with that prefix). The browser's FormData also carries the
 * form's hidden no-JavaScript fallback inputs (`$ACTION_REF_1`, `$ACTION_KEY`…), which a fetch-invoked
 * action ignores; they are left out.
 */
function actionBody(boundary: string, fields: Record<string, string>): string {
  const parts = [
    ...Object.entries(fields).map(([name, value]) => [`_1_${name}`, value] as const),
    ["0", JSON.stringify([initialTaskFormState, "$K1"])] as const,
  ];
  const sections = parts.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return `${sections.join("")}--${boundary}--\r\n`;
}

/**
 * The router state the browser sends from /tasks, so the answer carries the re-rendered list after
 * revalidatePath("/tasks"), as it does for a person: the action's real cost includes that render.
 */
const routerStateTree = [
  "",
  {
    children: [
      "(app)",
      { children: ["tasks", { children: ["__PAGE__", {}, null, null, 0] }, null, null, 4] },
      null,
      null,
      8,
    ],
  },
  null,
  null,
  24,
];

/**
 * Adding a task through the form on /tasks, request for request as the browser posts it. The bench user
 * is on Pro (seeded so), or every create would hit the Free plan's limit. Each request adds a task, so
 * this runs after the benchmarks that read the list.
 */
export const tasksCreateAction: Benchmark = {
  name: "tasks-create-action",
  summary: "POST /tasks Server Action createTaskAction (p50, p99)",
  async setup({ user, signedIn, origin, distDir }) {
    const boundary = "----BenchFormBoundary7MA4YWxkTrZu0gW";
    const title = "Benchmark task";
    return {
      product: {
        path: "/tasks",
        method: "POST",
        headers: {
          ...signedIn,
          accept: "text/x-component",
          "content-type": `multipart/form-data; boundary=${boundary}`,
          "next-action": actionId(distDir, "app/(app)/tasks/actions.ts", "createTaskAction"),
          "next-router-state-tree": encodeURIComponent(JSON.stringify(routerStateTree)),
          origin,
        },
        body: actionBody(boundary, { title, priority: "medium", dueDate: "", description: "" }),
        verify: (body) => {
          if (!body.includes('"status":"saved"'))
            throw new Error(`the action did not answer "saved": ${body.slice(0, 200)}…`);
          // A saved form comes back empty, so the title is there only if the revalidated list came with the answer.
          if (!body.includes(title))
            throw new Error("the answer does not carry the re-rendered list with the new task");
        },
        countRows: async (db) =>
          (await db.select({ value: count() }).from(tasks).where(eq(tasks.userId, user.id)))[0]?.value ?? 0,
      },
    };
  },
};
