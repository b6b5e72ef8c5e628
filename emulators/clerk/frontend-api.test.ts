import { createClerkClient, verifyToken } from "@clerk/backend";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_URL, cookieHeader, cookieJar, startEmulator } from "./test-helpers";

describe("frontend API", () => {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.stop());

  const fapi = (path: string, jar: Record<string, string>, init: RequestInit = {}) =>
    fetch(`${emulator.baseUrl}${path}`, {
      redirect: "manual",
      ...init,
      headers: { cookie: cookieHeader(jar), ...init.headers },
    });
  const signIn = async () => {
    const res = await fetch(`${emulator.baseUrl}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "existing", user_id: "user_demo_0000000000000000000001" }),
    });
    return cookieJar(res.headers.getSetCookie());
  };
  const verify = (token: string) =>
    verifyToken(token, { jwtKey: emulator.env.CLERK_JWT_KEY, authorizedParties: [APP_URL] });

  it("serves a production environment", async () => {
    const env = await (await fetch(`${emulator.baseUrl}/v1/environment?__clerk_api_version=2026-08-20`)).json();
    expect(env.object).toBe("environment");
    expect(env.display_config.instance_environment_type).toBe("production");
    expect(env.auth_config.single_session_mode).toBe(true);
  });

  it("creates a client for a cookieless browser", async () => {
    const res = await fapi("/v1/client", {});
    expect(res.headers.getSetCookie()[0]).toMatch(/^__client=client_\w+; Path=\/; HttpOnly/);
    const body = await res.json();
    expect(body.response).toMatchObject({ object: "client", sessions: [], last_active_session_id: null });
  });

  it("returns the signed-in client, mints tokens and touches the session", async () => {
    const jar = await signIn();
    const { response: client } = await (await fapi("/v1/client", jar)).json();
    const [session] = client.sessions;
    expect(session).toMatchObject({
      object: "session",
      status: "active",
      user: { id: "user_demo_0000000000000000000001" },
    });
    expect(session.user.email_addresses[0].email_address).toBe("demo@taskpilot.dev");
    expect(await verify(session.last_active_token.jwt)).toMatchObject({ sid: session.id });

    const token = await (
      await fapi(`/v1/client/sessions/${session.id}/tokens?_clerk_js_version=6.40.0`, jar, { method: "POST" })
    ).json();
    expect(token.object).toBe("token");
    expect(await verify(token.jwt)).toMatchObject({ sid: session.id, sub: "user_demo_0000000000000000000001" });

    const touched = await (await fapi(`/v1/client/sessions/${session.id}/touch`, jar, { method: "POST" })).json();
    expect(touched.response.id).toBe(session.id);
    expect(touched.client.sessions).toHaveLength(1);
  });

  it.each([
    ["DELETE /v1/client/sessions", () => `/v1/client/sessions?_method=DELETE`],
    ["POST .../remove", (sid: string) => `/v1/client/sessions/${sid}/remove`],
    ["POST .../end", (sid: string) => `/v1/client/sessions/${sid}/end`],
    ["DELETE /v1/client", () => `/v1/client?_method=DELETE`],
  ])("signs out with %s and clears the auth cookies", async (_, path) => {
    const jar = await signIn();
    const { response: client } = await (await fapi("/v1/client", jar)).json();
    const sid = client.sessions[0].id;
    const res = await fapi(path(sid), jar, { method: "POST" });
    expect(res.status).toBe(200);
    const cleared = res.headers.getSetCookie();
    expect(cleared).toContain("__session=; Path=/; SameSite=Lax; Max-Age=0");
    expect(cleared.find((c) => c.startsWith("__client_uat="))).toMatch(/^__client_uat=0;/);
    expect((await res.json()).client.sessions).toEqual([]);
    expect((await fapi(`/v1/client/sessions/${sid}/tokens`, jar, { method: "POST" })).status).toBe(401);
  });

  it("refreshes an expired session through the handshake @clerk/backend starts", async () => {
    const { env } = emulator;
    const minted = await (
      await fetch(`${emulator.baseUrl}/__test/tokens`, {
        method: "POST",
        body: JSON.stringify({ userId: "user_demo_0000000000000000000002", variant: "expired" }),
      })
    ).json();
    const clerk = createClerkClient({
      publishableKey: env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
      secretKey: env.CLERK_SECRET_KEY,
      apiUrl: env.CLERK_API_URL,
    });
    const options = {
      jwtKey: env.CLERK_JWT_KEY,
      authorizedParties: [APP_URL],
      proxyUrl: env.NEXT_PUBLIC_CLERK_PROXY_URL,
    };
    const documentRequest = (url: string) =>
      new Request(url, {
        headers: { cookie: cookieHeader(minted.cookies), accept: "text/html", "sec-fetch-dest": "document" },
      });

    const first = await clerk.authenticateRequest(documentRequest(`${APP_URL}/tasks`), options);
    expect(first.status).toBe("handshake");
    const handshakeUrl = new URL(first.headers.get("location")!);
    expect(handshakeUrl.href.startsWith(`${APP_URL}/clerk-fapi/v1/client/handshake?`)).toBe(true);

    // The browser follows it through the app's /clerk-fapi rewrite, cookies included.
    const res = await fapi(`/v1/client/handshake${handshakeUrl.search}`, minted.cookies);
    expect(res.status).toBe(307);
    const back = res.headers.get("location")!;
    expect(back.startsWith(`${APP_URL}/tasks?__clerk_handshake=`)).toBe(true);

    const second = await clerk.authenticateRequest(documentRequest(back), options);
    expect(second.status).toBe("signed-in");
    expect(second.toAuth()).toMatchObject({ userId: "user_demo_0000000000000000000002", sessionId: minted.sessionId });
    const fresh = cookieJar(second.headers.getSetCookie());
    expect(await verify(fresh.__session!)).toMatchObject({ sid: minted.sessionId });
    expect(Number(fresh.__client_uat)).toBeGreaterThan(0);
  });

  it("refuses a handshake redirect to another origin", async () => {
    const res = await fapi(`/v1/client/handshake?redirect_url=${encodeURIComponent("https://evil.example/")}`, {});
    expect(res.status).toBe(400);
  });

  it("serves the clerk-js and UI bundles and their chunks as JavaScript", async () => {
    const jsPath = new URL(emulator.env.NEXT_PUBLIC_CLERK_JS_URL!).pathname.replace("/clerk-fapi", "");
    const uiPath = new URL(emulator.env.NEXT_PUBLIC_CLERK_UI_URL!).pathname.replace("/clerk-fapi", "");
    for (const path of [jsPath, uiPath, jsPath.replace("clerk.browser.js", "vendors_clerk.browser_a68c22_6.40.0.js")]) {
      const res = await fetch(`${emulator.baseUrl}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect((await res.text()).length).toBeGreaterThan(1000);
    }
    expect((await fetch(`${emulator.baseUrl}/npm/@clerk/clerk-js@6/dist/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${emulator.baseUrl}/npm/@clerk/clerk-js@6/dist/missing.js`)).status).toBe(404);
  });

  it("keeps the test API off the app-facing rewrite", async () => {
    const res = await fetch(`${emulator.baseUrl}/__test/users`, { headers: { "x-forwarded-host": "localhost:3999" } });
    expect(res.status).toBe(404);
  });
});
