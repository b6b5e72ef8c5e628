import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, inject, it, vi } from "vitest";
import { db } from "@/lib/db";
import { users } from "@/db/schema";
import { forgetUser, requireUser, UnauthorizedError } from "./session";
import { applyClerkUserEvent } from "./users";
import { session } from "@/tests/support/clerk-session";

vi.mock("@clerk/nextjs/server", () => import("@/tests/support/clerk-session").then((m) => m.clerkServer()));

async function createEmulatorUser(firstName: string) {
  const response = await fetch(`${inject("clerkEmulatorUrl")}/__test/users`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email: `${firstName.toLowerCase()}.${randomUUID()}@example.test`,
      firstName,
      lastName: "Tester",
    }),
  });
  const { user } = (await response.json()) as { user: { id: string; email_addresses: { email_address: string }[] } };
  return { id: user.id, email: user.email_addresses[0]?.email_address };
}

const rowsFor = (id: string) => db.select().from(users).where(eq(users.id, id));

describe("requireUser", () => {
  beforeEach(() => {
    session.userId = null;
  });

  it("throws a typed unauthorized error without a session", async () => {
    await expect(requireUser()).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(requireUser()).rejects.toMatchObject({ status: 401 });
  });

  it("returns the user id and creates the row with the profile from Clerk on first use", async () => {
    const user = await createEmulatorUser("Ada");
    session.userId = user.id;
    await expect(requireUser()).resolves.toBe(user.id);
    expect(await rowsFor(user.id)).toEqual([
      expect.objectContaining({ id: user.id, email: user.email, name: "Ada Tester", plan: "free" }),
    ]);
  });

  it("creates exactly one row for 20 concurrent first requests", async () => {
    const user = await createEmulatorUser("Burst");
    session.userId = user.id;
    const ids = await Promise.all(Array.from({ length: 20 }, () => requireUser()));
    expect(new Set(ids)).toEqual(new Set([user.id]));
    expect(await rowsFor(user.id)).toHaveLength(1);
  });

  it("still signs the user in when Clerk does not know the profile", async () => {
    const id = `user_unknown_${randomUUID().replaceAll("-", "")}`;
    session.userId = id;
    await expect(requireUser()).resolves.toBe(id);
    expect(await rowsFor(id)).toEqual([expect.objectContaining({ id, email: null, name: null })]);
  });

  it("does not bring back a user Clerk deleted, whose session token is still valid", async () => {
    const user = await createEmulatorUser("Gone");
    session.userId = user.id;
    await requireUser();
    await applyClerkUserEvent(db, { id: `msg_${randomUUID()}`, type: "user.deleted", userId: user.id });
    forgetUser(user.id);
    await expect(requireUser()).rejects.toBeInstanceOf(UnauthorizedError);
    expect(await rowsFor(user.id)).toEqual([]);
  });
});
