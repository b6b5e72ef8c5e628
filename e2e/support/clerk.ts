import type { BrowserContext } from "@playwright/test";
import { readToolEnv } from "../../scripts/lib/tool-env";

/** The e2e stack's Clerk emulator sits at a fixed offset from the app's port (scripts/lib/emulators.ts). */
const clerkApi = `http://127.0.0.1:${readToolEnv().E2E_PORT + 10}/__test`;

export type TokenVariant = "valid" | "expired" | "wrong-key" | "wrong-azp" | "future-nbf";

async function call<T>(path: string, init: { method: string; body?: unknown }): Promise<T> {
  const response = await fetch(`${clerkApi}${path}`, {
    method: init.method,
    headers: { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok)
    throw new Error(`clerk emulator ${init.method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** `role: "operator"` sets the public metadata that lets the user see /status. */
export async function createUser(firstName: string, lastName = "Tester", role?: "operator") {
  const email = `${firstName.toLowerCase()}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.test`;
  const { user } = await call<{ user: { id: string } }>("/users", {
    method: "POST",
    body: { email, firstName, lastName, role },
  });
  return { id: user.id, email, name: `${firstName} ${lastName}` };
}

export async function mintSession(userId: string, variant: TokenVariant = "valid", lifetimeSeconds?: number) {
  return call<{ token: string; cookies: Record<string, string> }>("/tokens", {
    method: "POST",
    body: { userId, variant, lifetimeSeconds },
  });
}

/** Signs a browser context in as `userId` by planting the cookies a real sign-in sets. */
export async function signInWithCookies(context: BrowserContext, baseURL: string, userId: string) {
  const { cookies } = await mintSession(userId, "valid", 3_600);
  await context.addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, url: baseURL })));
}

/**
 * Plants only the session token cookies, without the Frontend API's client cookie: the server must
 * judge the token alone (with a live client, Clerk would rightly refresh an expired token).
 */
export async function plantSessionToken(
  context: BrowserContext,
  baseURL: string,
  userId: string,
  variant: TokenVariant,
) {
  const { cookies } = await mintSession(userId, variant);
  const tokenCookies = Object.entries(cookies).filter(
    ([name]) => name.startsWith("__session") || name.startsWith("__client_uat"),
  );
  await context.addCookies(tokenCookies.map(([name, value]) => ({ name, value, url: baseURL })));
}
