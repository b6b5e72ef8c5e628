import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { tasks, users } from "@/db/schema";
import { env } from "@/lib/env";
import { initialTaskFormState } from "@/lib/tasks/form-state";
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

vi.mock("@clerk/nextjs/server", () => import("@/tests/support/clerk-session").then((m) => m.clerkServer()));
// revalidatePath needs the request context of a running Next.js server; here it is a spy, which
// also lets the tests check that every change (and only a change) refreshes the list.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
// The same goes for the incoming headers, which the wrapper reads for the request id and the trace.
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

async function newUser(plan: "free" | "pro" = "free") {
  const id = `user_it_${randomUUID().replaceAll("-", "")}`;
  await db.insert(users).values({ id, plan });
  return id;
}

function form(values: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.append(key, value);
  return data;
}

const seedTasks = (userId: string) =>
  db
    .insert(tasks)
    .values([
      { userId, title: "Open task", dueDate: "2026-05-01" },
      { userId, title: "Done task", completed: true },
    ])
    .returning({ id: tasks.id });

beforeEach(() => {
  session.userId = null;
  vi.mocked(revalidatePath).mockClear();
});

describe("task actions as the owner", () => {
  it("create: saves the task, revalidates /tasks and clears the form", async () => {
    session.userId = await newUser();
    const state = await createTaskAction(
      initialTaskFormState,
      form({ title: "  Ship it  ", description: "", priority: "high", dueDate: "2026-04-01" }),
    );
    expect(state).toMatchObject({ status: "saved", error: null, errors: {}, values: {}, version: 1 });
    expect(revalidatePath).toHaveBeenCalledWith("/tasks");
    expect(await tasksChecksum([session.userId])).toMatchObject({ count: 1 });
  });

  it("create: returns field errors and the user's input, and writes nothing", async () => {
    session.userId = await newUser();
    const input = { title: "   ", description: "x".repeat(5_001), priority: "urgent", dueDate: "2026-02-30" };
    const state = await createTaskAction(initialTaskFormState, form(input));
    expect(state).toMatchObject({
      status: "error",
      error: "validation",
      values: input,
      message: "Please fix the highlighted fields.",
    });
    expect(Object.keys(state.errors).sort()).toEqual(["description", "dueDate", "priority", "title"]);
    expect(state.errors.title).toEqual(["Enter a title."]);
    expect(revalidatePath).not.toHaveBeenCalled();
    expect(await tasksChecksum([session.userId])).toMatchObject({ count: 0 });
  });

  it("create: answers plan_limit at the Free limit, keeping the input", async () => {
    session.userId = await newUser();
    await db
      .insert(tasks)
      .values(Array.from({ length: env.FREE_TASK_LIMIT }, () => ({ userId: session.userId as string, title: "Busy" })));
    const state = await createTaskAction(initialTaskFormState, form({ title: "One more", priority: "low" }));
    expect(state).toMatchObject({
      status: "error",
      error: "plan_limit",
      values: { title: "One more", priority: "low" },
    });
    expect(await tasksChecksum([session.userId])).toMatchObject({ count: env.FREE_TASK_LIMIT });
  });

  it("update, toggle, delete, restore and bulk-complete work on the user's own tasks", async () => {
    session.userId = await newUser();
    const [open, done] = await seedTasks(session.userId);
    const updated = await updateTaskAction(
      open!.id,
      initialTaskFormState,
      form({ title: "Renamed", description: "Now with notes", priority: "low", dueDate: "" }),
    );
    expect(updated).toMatchObject({ status: "saved" });
    await expect(toggleTaskAction(done!.id, false)).resolves.toEqual({ ok: true, data: false });
    await expect(bulkCompleteTasksAction([open!.id, done!.id])).resolves.toEqual({ ok: true, data: { completed: 2 } });

    const deleted = await deleteTaskAction(open!.id);
    expect(deleted).toMatchObject({
      ok: true,
      data: {
        id: open!.id,
        title: "Renamed",
        description: "Now with notes",
        priority: "low",
        dueDate: null,
        completed: true,
      },
    });
    expect(deleted.ok && Object.keys(deleted.data)).not.toContain("userId");
    if (!deleted.ok) throw new Error("delete failed");
    await expect(restoreTaskAction(deleted.data)).resolves.toEqual({ ok: true, data: open!.id });
    expect(revalidatePath).toHaveBeenCalledTimes(5);
    expect(await tasksChecksum([session.userId])).toMatchObject({ count: 2 });
  });

  it("toggle: reopening at the Free limit answers plan_limit and leaves the task done", async () => {
    session.userId = await newUser();
    const [, done] = await seedTasks(session.userId);
    await db
      .insert(tasks)
      .values(
        Array.from({ length: env.FREE_TASK_LIMIT - 1 }, () => ({ userId: session.userId as string, title: "Busy" })),
      );
    const before = await tasksChecksum([session.userId]);
    await expect(toggleTaskAction(done!.id, false)).resolves.toEqual({
      ok: false,
      error: "plan_limit",
      message: "You’ve reached the Free plan’s limit of open tasks.",
    });
    expect(await tasksChecksum([session.userId])).toEqual(before);
  });
});

describe("task actions without a session", () => {
  it("answer unauthorized and change nothing", async () => {
    const owner = await newUser();
    const [open] = await seedTasks(owner);
    const before = await tasksChecksum([owner]);
    const unauthorized = {
      ok: false,
      error: "unauthorized",
      message: "Your session has ended. Sign in again to continue.",
    };
    expect(await createTaskAction(initialTaskFormState, form({ title: "Sneaky" }))).toMatchObject({
      status: "error",
      error: "unauthorized",
    });
    expect(await updateTaskAction(open!.id, initialTaskFormState, form({ title: "Sneaky" }))).toMatchObject({
      error: "unauthorized",
    });
    expect(await toggleTaskAction(open!.id, true)).toEqual(unauthorized);
    expect(await deleteTaskAction(open!.id)).toEqual(unauthorized);
    expect(await bulkCompleteTasksAction([open!.id])).toEqual(unauthorized);
    expect(
      await restoreTaskAction({
        id: randomUUID(),
        title: "x",
        description: "",
        priority: "low",
        dueDate: null,
        completed: false,
        createdAt: new Date().toISOString(),
      }),
    ).toEqual(unauthorized);
    expect(await tasksChecksum([owner])).toEqual(before);
    expect(revalidatePath).not.toHaveBeenCalled();
  });
});

describe("the cross-user matrix: every action on another user's task", () => {
  it("answers not found and leaves both users' data unchanged, whatever the action", async () => {
    const [owner, intruder] = [await newUser(), await newUser()];
    const [ownerOpen, ownerDone] = await seedTasks(owner);
    const [intruderOpen] = await seedTasks(intruder);
    const before = await tasksChecksum([owner, intruder]);
    session.userId = intruder;

    const notFound = {
      ok: false,
      error: "not_found",
      message: "That task no longer exists. It may have been deleted in another tab.",
    };
    const attempts: [string, () => Promise<unknown>, unknown][] = [];
    for (const target of [ownerOpen!.id, ownerDone!.id]) {
      const editForm = form({ title: "Hijacked", description: "", priority: "high", dueDate: "" });
      attempts.push(
        [
          "update",
          () => updateTaskAction(target, initialTaskFormState, editForm),
          expect.objectContaining({ status: "error", error: "not_found" }),
        ],
        ["complete", () => toggleTaskAction(target, true), notFound],
        ["reopen", () => toggleTaskAction(target, false), notFound],
        ["delete", () => deleteTaskAction(target), notFound],
        ["bulk-complete", () => bulkCompleteTasksAction([target]), notFound],
        ["bulk-complete mixed with own", () => bulkCompleteTasksAction([intruderOpen!.id, target]), notFound],
        [
          "restore over it",
          () =>
            restoreTaskAction({
              id: target,
              title: "Mine now",
              description: "",
              priority: "low",
              dueDate: null,
              completed: true,
              createdAt: new Date().toISOString(),
            }),
          notFound,
        ],
      );
    }
    for (const [name, attempt, expected] of attempts) {
      expect(await attempt(), name).toEqual(expected);
      expect(await tasksChecksum([owner, intruder]), name).toEqual(before);
    }
    expect(revalidatePath).not.toHaveBeenCalled();
  });
});
