import { createClerkClient } from "@clerk/backend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_URL, cookieHeader, cookieJar, startEmulator, startReceiver, type Receiver } from "./test-helpers";

describe("sign-in page", () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    emulator = await startEmulator({ webhookUrl: receiver.url });
  });
  afterAll(async () => {
    await emulator.stop();
    await receiver.stop();
  });

  const post = (form: Record<string, string>, path = "/sign-in") =>
    fetch(`${emulator.baseUrl}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });

  it("lists the demo users, with the redirect carried in every form", async () => {
    const res = await fetch(`${emulator.baseUrl}/sign-in?redirect_url=${encodeURIComponent(`${APP_URL}/tasks?x="1"`)}`);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain('value="user_demo_0000000000000000000001"');
    expect(html).toContain("Demo User");
    expect(html).toContain("demo@taskpilot.dev");
    expect(html).toContain('value="http://localhost:3999/tasks?x=&quot;1&quot;"');
    expect((await fetch(`${emulator.baseUrl}/sign-up`)).status).toBe(200);
  });

  it("signs a demo user in with cookies @clerk/backend accepts, then redirects", async () => {
    const res = await post({
      intent: "existing",
      user_id: "user_demo_0000000000000000000001",
      redirect_url: `${APP_URL}/tasks/42?tab=a`,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${APP_URL}/tasks/42?tab=a`);
    const setCookies = res.headers.getSetCookie();
    for (const name of ["__session", "__client_uat", "__client"]) {
      const cookie = setCookies.find((c) => c.startsWith(`${name}=`));
      expect(cookie).toContain("Path=/");
      expect(cookie).not.toMatch(/Domain=/i);
    }
    expect(setCookies.find((c) => c.startsWith("__client="))).toContain("HttpOnly");
    const jar = cookieJar(setCookies);
    const claims = JSON.parse(Buffer.from(jar.__session!.split(".")[1]!, "base64url").toString());
    expect(Number(jar.__client_uat)).toBeLessThanOrEqual(claims.iat);

    const { env } = emulator;
    const clerk = createClerkClient({
      secretKey: env.CLERK_SECRET_KEY,
      publishableKey: env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
      apiUrl: env.CLERK_API_URL,
    });
    const state = await clerk.authenticateRequest(
      new Request(`${APP_URL}/tasks`, {
        headers: { cookie: cookieHeader(jar), accept: "text/html", "sec-fetch-dest": "document" },
      }),
      { jwtKey: env.CLERK_JWT_KEY, authorizedParties: [APP_URL], proxyUrl: env.NEXT_PUBLIC_CLERK_PROXY_URL },
    );
    expect(state.status).toBe("signed-in");
    expect(state.toAuth()).toMatchObject({ userId: "user_demo_0000000000000000000001" });
  });

  it.each(["https://evil.example/tasks", "//evil.example/x", "javascript:alert(1)", ""])(
    "refuses to redirect to %j and falls back to the app",
    async (target) => {
      const res = await post({ intent: "existing", user_id: "user_demo_0000000000000000000002", redirect_url: target });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(`${APP_URL}/tasks`);
    },
  );

  it("accepts a path relative to the app", async () => {
    const res = await post({
      intent: "existing",
      user_id: "user_demo_0000000000000000000002",
      redirect_url: "/projects",
    });
    expect(res.headers.get("location")).toBe(`${APP_URL}/projects`);
  });

  it("shows field errors for invalid input", async () => {
    const res = await post({ intent: "create", email: "not-an-email", name: "  ", redirect_url: "/tasks" }, "/sign-up");
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Enter a valid email address.");
    expect(html).toContain("Enter a name.");
    expect(html).toContain('value="not-an-email"');
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("creates a user, fires user.created and signs them in", async () => {
    const res = await post({
      intent: "create",
      email: "Grace@Example.com",
      name: "Grace Brewster Hopper",
      redirect_url: "/tasks",
    });
    expect(res.status).toBe(303);
    const jar = cookieJar(res.headers.getSetCookie());
    const sub = JSON.parse(Buffer.from(jar.__session!.split(".")[1]!, "base64url").toString()).sub;
    const user = emulator.store.getUser(sub);
    expect(user).toMatchObject({ email: "grace@example.com", firstName: "Grace", lastName: "Brewster Hopper" });
    await expect
      .poll(() => receiver.received.map((r) => JSON.parse(r.body)))
      .toContainEqual(expect.objectContaining({ type: "user.created", data: expect.objectContaining({ id: sub }) }));

    const again = await post({ intent: "create", email: "grace@example.com", name: "Grace" });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain("A user with this email already exists.");
  });

  it("rejects an unknown user id", async () => {
    const res = await post({ intent: "existing", user_id: "user_nobody" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Unknown user.");
  });
});
