import { vi } from "vitest";

/**
 * Integration tests fix only Clerk's answer to "who is this?": session verification itself is Clerk's
 * and runs in proxy.ts, where the e2e suite drives it with real tokens. Everything after auth() runs for
 * real. A test file mocks the module with
 * `vi.mock("@clerk/nextjs/server", () => import("@/tests/support/clerk-session").then((m) => m.clerkServer()))`
 * and sets `session.userId` (null is signed out).
 */
export const session = { userId: null as string | null };

export async function clerkServer() {
  const actual = await vi.importActual<typeof import("@clerk/nextjs/server")>("@clerk/nextjs/server");
  return { ...actual, auth: async () => ({ userId: session.userId }) };
}
