import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { tasks, users } from "@/db/schema";
import type { ActionResult } from "@/lib/safe-action";
import type { TaskFormState } from "@/lib/tasks/form-state";
import { tasksChecksum } from "@/tests/support/tasks-checksum";
import {
  bulkCompleteTasksAction,
  createTaskAction,
  deleteTaskAction,
  restoreTaskAction,
  toggleTaskAction,
  updateTaskAction,
} from "./actions";
import { session } from "@/tests/support/clerk-session";

/*
 * Every Server Action, called the way a browser (or an attacker) can call it: FormData or plain
 * arguments of any shape. Each call must answer with a result, never throw, and a refusal of any kind
 * must leave the stored tasks exactly as they were. Only Clerk's auth() is faked.
 */
vi.mock("@clerk/nextjs/server", () => import("@/tests/support/clerk-session").then((m) => m.clerkServer()));
// revalidatePath needs the request context of a running Next.js server, which a test does not have.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
// The same goes for the incoming headers, which the wrapper reads for the request id and the trace.
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const numRuns = 1_000;
const errors = ["not_found", "validation", "unauthorized", "plan_limit"];

// ---- generators -------------------------------------------------------------------------------

const sqlLike = fc.constantFrom(
  "'; drop table tasks; --",
  "1' or '1'='1",
  "$1",
  "null",
  "::uuid",
  "\\x00",
  "'); delete from users; --",
  "%",
  "_",
);
const loneSurrogates = fc.string({
  unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  minLength: 1,
  maxLength: 3,
});
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  sqlLike,
);
const validTitle = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 60 })
  .filter((title) => title.trim().length > 0 && !title.includes("\u0000"));
const priority = fc.constantFrom("low", "medium", "high");
const dueDate = fc.oneof(
  fc.constant(""),
  fc
    .date({ min: new Date("1000-01-01"), max: new Date("9999-12-31"), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10)),
);
const hostileValue = fc.oneof(
  fc.anything({
    maxDepth: 2,
    maxKeys: 3,
    withDate: true,
    withMap: true,
    withSet: true,
    withBigInt: true,
    withTypedArray: true,
    withNullPrototype: true,
  }),
  fc.constant(null),
  fc.constant(undefined),
  anyText,
);
/** Titles the schema must refuse: empty after trimming, too long, or holding a NUL PostgreSQL can't store. */
const badFormTitle = fc.oneof(
  fc.constantFrom("", "   ", "\t\n"),
  fc.string({ minLength: 201, maxLength: 400 }).filter((title) => Array.from(title.trim()).length > 200),
  validTitle.map((title) => `${title}\u0000`),
);
// FormData turns a lone surrogate into U+FFFD on the way in (as browsers do); plain arguments keep it.
const badTitle = fc.oneof(
  badFormTitle,
  fc.tuple(validTitle, loneSurrogates).map(([title, junk]) => `${title}${junk}`),
);

interface Pools {
  own: string[];
  others: string[];
}

/** Ids to aim at: the caller's own tasks, another user's, unknown uuids, and things that are not uuids. */
const taskId = (pools: Pools) =>
  fc.oneof(
    fc.constantFrom(...pools.own),
    fc.constantFrom(...pools.others),
    fc.uuid(),
    fc.oneof(anyText, fc.constant(`${randomUUID()}'`), fc.constant(randomUUID().toUpperCase().replace(/-/g, ""))),
  );

type FieldValue = string | Blob | undefined | string[];
const formField = (valid: fc.Arbitrary<string>): fc.Arbitrary<FieldValue> =>
  fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: 1, arbitrary: anyText },
    { weight: 1, arbitrary: fc.constant(new Blob(["file"])) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.array(anyText, { minLength: 2, maxLength: 3 }),
    },
  );

const taskForm = (title: fc.Arbitrary<FieldValue>) =>
  fc.record({
    title,
    description: formField(fc.string({ unit: "grapheme", maxLength: 120 })),
    priority: formField(priority),
    dueDate: formField(dueDate),
    $ACTION_ID_junk: fc.option(anyText, { nil: undefined }),
  });

function toFormData(fields: Record<string, FieldValue>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) data.append(key, item);
  }
  return data;
}

/** What a form action may be sent: real FormData mostly, sometimes something else entirely. */
const formPayload = fc.oneof(
  { weight: 5, arbitrary: taskForm(formField(validTitle)).map(toFormData) },
  { weight: 1, arbitrary: hostileValue },
);
/** Forms that must be refused whatever the other fields say: the title is bad, a file, or missing. */
const invalidForm = taskForm(fc.oneof(badFormTitle, fc.constant(new Blob(["file"])), fc.constant(undefined))).map(
  toFormData,
);
const previousState = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: hostileValue },
);

// ---- the property -----------------------------------------------------------------------------

/** The signed-in user (Free, so the plan limit is hit along the way) and someone else (Pro). */
let caller: string;
let neighbour: string;
let pools: Pools;

beforeAll(async () => {
  [caller, neighbour] = [`user_it_${randomUUID().replaceAll("-", "")}`, `user_it_${randomUUID().replaceAll("-", "")}`];
  await db.insert(users).values([{ id: caller }, { id: neighbour, plan: "pro" }]);
  const rows = (userId: string, count: number) =>
    Array.from({ length: count }, (_, index) => ({ userId, title: `Task ${index}`, completed: index % 2 === 0 }));
  const own = await db.insert(tasks).values(rows(caller, 12)).returning({ id: tasks.id });
  const others = await db.insert(tasks).values(rows(neighbour, 6)).returning({ id: tasks.id });
  pools = { own: own.map((row) => row.id), others: others.map((row) => row.id) };
});

type Answer = ActionResult<unknown, string> | TaskFormState;

function refusal(answer: Answer): string | null {
  if ("status" in answer) {
    expect(["saved", "error"]).toContain(answer.status);
    if (answer.status === "saved") return null;
    expect(errors).toContain(answer.error);
    return answer.error;
  }
  expect(typeof answer.ok).toBe("boolean");
  if (answer.ok) return null;
  expect(errors).toContain(answer.error);
  return answer.error;
}

/**
 * Calls the action as the caller (or signed out) and checks the answer: always a result, a refusal
 * writes nothing, and input known to be invalid is refused as a validation error.
 */
async function check(call: () => Promise<Answer>, options: { signedIn: boolean; invalid: boolean }) {
  session.userId = options.signedIn ? caller : null;
  const before = await tasksChecksum([caller, neighbour]);
  const answer = await call();
  const refused = refusal(answer);
  if (!options.signedIn) expect(refused).toBe("unauthorized");
  else if (options.invalid) expect(refused).toBe("validation");
  if (refused) expect(await tasksChecksum([caller, neighbour])).toEqual(before);
}

const signedIn = fc.oneof({ weight: 19, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
const property = <Input>(input: fc.Arbitrary<Input>, predicate: (input: Input) => Promise<void>) =>
  fc.assert(fc.asyncProperty(input, predicate), { numRuns });

describe(`every task action survives ${numRuns} generated inputs`, () => {
  it("createTaskAction", async () => {
    const valid = fc.record({ signedIn, invalid: fc.constant(false), previous: previousState, payload: formPayload });
    const invalid = fc.record({ signedIn, invalid: fc.constant(true), previous: previousState, payload: invalidForm });
    await property(fc.oneof(valid, invalid), ({ signedIn, invalid, previous, payload }) =>
      check(() => createTaskAction(previous as TaskFormState, payload as FormData), { signedIn, invalid }),
    );
  });

  it("updateTaskAction", async () => {
    const valid = fc.record({
      signedIn,
      invalid: fc.constant(false),
      id: taskId(pools),
      previous: previousState,
      payload: formPayload,
    });
    const invalid = fc.record({
      signedIn,
      invalid: fc.constant(true),
      id: taskId(pools),
      previous: previousState,
      payload: invalidForm,
    });
    await property(fc.oneof(valid, invalid), ({ signedIn, invalid, id, previous, payload }) =>
      check(() => updateTaskAction(id as string, previous as TaskFormState, payload as FormData), {
        signedIn,
        invalid,
      }),
    );
  });

  it("toggleTaskAction", async () => {
    const valid = fc.record({ signedIn, invalid: fc.constant(false), id: taskId(pools), completed: fc.boolean() });
    const invalid = fc.record({
      signedIn,
      invalid: fc.constant(true),
      id: taskId(pools),
      completed: hostileValue.filter((value) => typeof value !== "boolean"),
    });
    await property(fc.oneof(valid, invalid), ({ signedIn, invalid, id, completed }) =>
      check(() => toggleTaskAction(id as string, completed as boolean), { signedIn, invalid }),
    );
  });

  it("deleteTaskAction, then restoreTaskAction with what it returned", async () => {
    const input = fc.record({ signedIn, id: taskId(pools) });
    await property(input, async ({ signedIn, id }) => {
      let snapshot: unknown;
      await check(
        async () => {
          const deleted = await deleteTaskAction(id);
          if (deleted.ok) snapshot = deleted.data;
          return deleted;
        },
        { signedIn, invalid: false },
      );
      // Put the caller's task back, so later runs still have tasks to aim at.
      if (snapshot) await check(() => restoreTaskAction(snapshot as never), { signedIn, invalid: false });
    });
    expect((await db.select({ id: tasks.id }).from(tasks).where(eq(tasks.userId, neighbour))).length).toBe(6);
  });

  it("restoreTaskAction", async () => {
    const snapshot = fc.record({
      id: taskId(pools),
      title: fc.oneof(validTitle, badTitle),
      description: fc.oneof(fc.string({ maxLength: 50 }), hostileValue),
      priority: fc.oneof(priority, hostileValue),
      dueDate: fc.oneof(fc.constant(null), dueDate, hostileValue),
      completed: fc.oneof(fc.boolean(), hostileValue),
      createdAt: fc.oneof(
        fc
          .date({ noInvalidDate: true, min: new Date("1000-01-01"), max: new Date("9999-12-31") })
          .map((date) => date.toISOString()),
        hostileValue,
      ),
    });
    const valid = fc.record({ signedIn, invalid: fc.constant(false), task: fc.oneof(snapshot, hostileValue) });
    const invalid = fc.record({
      signedIn,
      invalid: fc.constant(true),
      task: snapshot.map((task) => ({ ...task, id: `${randomUUID()}x` })),
    });
    await property(fc.oneof(valid, invalid), ({ signedIn, invalid, task }) =>
      check(() => restoreTaskAction(task as never), { signedIn, invalid }),
    );
  });

  it("bulkCompleteTasksAction", async () => {
    const valid = fc.record({
      signedIn,
      invalid: fc.constant(false),
      ids: fc.oneof(fc.array(taskId(pools), { maxLength: 5 }), hostileValue),
    });
    const invalid = fc.record({
      signedIn,
      invalid: fc.constant(true),
      ids: fc.oneof(
        fc.constant([]),
        fc.array(fc.uuid(), { minLength: 101, maxLength: 120 }),
        fc
          .tuple(
            fc.uuid(),
            anyText.filter((text) => !/^[0-9a-f-]{36}$/i.test(text)),
          )
          .map((ids) => ids),
      ),
    });
    await property(fc.oneof(valid, invalid), ({ signedIn, invalid, ids }) =>
      check(() => bulkCompleteTasksAction(ids as string[]), { signedIn, invalid }),
    );
  });
});
