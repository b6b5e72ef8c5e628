import { vi } from "vitest";

/**
 * Integration tests fix only Clerk's answer to "who is this?": session verification itself is Clerk's
 * and runs in proxy.ts, where the e2e suite drives it with real tokens. Everything after auth() runs for
 * real. A test file mocks the module with
 * `vi.mock("@clerk/nextjs/server", () => import("@/tests/support/clerk-session").then((m) => m.clerkServer()))`
 * and sets `session.userId` (null is signed out) and, for the session token's custom claims,
 * `session.publicMetadata` (what Clerk's session-token template puts in the `metadata` claim).
 */
export const session = { userId: null as string | null, publicMetadata: {} as Record<string, unknown> };

export async function clerkServer() {
  const actual = await vi.importActual<typeof import("@clerk/nextjs/server")>("@clerk/nextjs/server");
  return {
    ...actual,
    auth: async () => ({
      userId: session.userId,
      sessionClaims: session.userId ? { sub: session.userId, metadata: session.publicMetadata } : null,
    }),
  };
}
