import { createClerkClient } from "@clerk/backend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "./test-helpers";

describe("backend API", () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let clerk: ReturnType<typeof createClerkClient>;
  beforeAll(async () => {
    emulator = await startEmulator();
    clerk = createClerkClient({ secretKey: emulator.env.CLERK_SECRET_KEY, apiUrl: emulator.env.CLERK_API_URL });
  });
  afterAll(() => emulator.stop());

  it("getUser returns the demo user the app seeds", async () => {
    const user = await clerk.users.getUser("user_demo_0000000000000000000001");
    expect(user.id).toBe("user_demo_0000000000000000000001");
    expect(user.primaryEmailAddress?.emailAddress).toBe("demo@taskpilot.dev");
    expect(user.primaryEmailAddress?.verification?.status).toBe("verified");
    expect(user.firstName).toBe("Demo");
    expect(user.lastName).toBe("User");
    expect(user.fullName).toBe("Demo User");
    expect(user.imageUrl).toMatch(/^http:\/\/localhost:3999\/clerk-fapi\/avatars\/user_demo_\w+\.svg$/);
  });

  it("returns users created through the test API, and lists by email", async () => {
    const res = await fetch(`${emulator.baseUrl}/__test/users`, {
      method: "POST",
      body: JSON.stringify({ email: "Ada@Example.com", firstName: "Ada" }),
    });
    const { user } = await res.json();
    expect(user.id).toMatch(/^user_[A-Za-z0-9]{27}$/);
    const fetched = await clerk.users.getUser(user.id);
    expect(fetched.fullName).toBe("Ada");
    expect(fetched.lastName).toBeNull();
    const list = await clerk.users.getUserList({ emailAddress: ["ada@example.com"] });
    expect(list.totalCount).toBe(1);
    expect(list.data[0]?.id).toBe(user.id);
  });

  it("answers 404 in Clerk error shape for an unknown id", async () => {
    await expect(clerk.users.getUser("user_missing")).rejects.toMatchObject({
      status: 404,
      errors: [{ code: "resource_not_found" }],
    });
    const res = await fetch(`${emulator.baseUrl}/v1/users/user_missing`, {
      headers: { authorization: `Bearer ${emulator.env.CLERK_SECRET_KEY}` },
    });
    expect(await res.json()).toEqual({
      errors: [{ code: "resource_not_found", message: "not found", long_message: "Resource not found", meta: {} }],
      clerk_trace_id: "emulator",
    });
  });

  it("answers 401 for a wrong secret key", async () => {
    const wrong = createClerkClient({ secretKey: "sk_live_wrong", apiUrl: emulator.env.CLERK_API_URL });
    await expect(wrong.users.getUser("user_demo_0000000000000000000001")).rejects.toMatchObject({
      status: 401,
      errors: [{ code: "authentication_invalid" }],
    });
  });
});
