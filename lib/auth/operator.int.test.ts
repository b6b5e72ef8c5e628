import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { db } from "@/lib/db";
import { session } from "@/tests/support/clerk-session";
import { isOperator, NotOperatorError, requireOperator } from "./operator";
import { UnauthorizedError } from "./session";

vi.mock("@clerk/nextjs/server", () => import("@/tests/support/clerk-session").then((m) => m.clerkServer()));

let userId: string;

beforeAll(async () => {
  userId = `user_op_${randomUUID().replaceAll("-", "")}`;
  await db.insert(users).values({ id: userId });
});

beforeEach(() => {
  session.userId = userId;
  session.publicMetadata = {};
});

describe("isOperator and requireOperator read the role from the session token's metadata claim", () => {
  it("an operator passes", async () => {
    session.publicMetadata = { role: "operator" };
    await expect(isOperator()).resolves.toBe(true);
    await expect(requireOperator()).resolves.toBe(userId);
  });

  it.each([{}, { role: "admin" }, { role: "Operator" }, { role: ["operator"] }, { roles: "operator" }])(
    "public metadata %j is not an operator",
    async (metadata) => {
      session.publicMetadata = metadata;
      await expect(isOperator()).resolves.toBe(false);
      await expect(requireOperator()).rejects.toBeInstanceOf(NotOperatorError);
    },
  );

  it("signed out is neither an operator nor allowed", async () => {
    session.userId = null;
    await expect(isOperator()).resolves.toBe(false);
    await expect(requireOperator()).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
