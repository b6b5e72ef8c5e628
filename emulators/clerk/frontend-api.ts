/**
 * The subset of Clerk's Frontend API that clerk-js 6 calls for an already signed-in browser: loading,
 * token refresh, touch and sign-out, plus the handshake clerkMiddleware redirects documents to.
 */
import type { ServerResponse } from "node:http";
import { clientCookie, signedInCookies, signedOutCookies } from "./cookies";
import { redirect, sendJson, type RequestContext, type Route } from "./http";
import { sameOriginUrl } from "./redirects";
import { environmentJSON } from "./resources";
import type { Sessions } from "./sessions";
import type { StoredClient } from "./store";
import { mintHandshakeToken } from "./tokens";

function fapiError(res: ServerResponse, status: number, code: string, message: string, cookies: string[] = []) {
  sendJson(res, status, { errors: [{ code, message, long_message: message, meta: {} }] }, cookies);
}

export function frontendApiRoutes(sessions: Sessions): Route[] {
  const { store, appOrigin } = sessions;

  /** Mutations answer `{ response, client }`; clerk-js refreshes its client from the latter. */
  const respond = (ctx: RequestContext, client: StoredClient, response: unknown, cookies: string[] = []) =>
    sendJson(ctx.res, 200, { response, client: sessions.clientPayload(client) }, cookies);

  const withSession = (handle: (ctx: RequestContext, client: StoredClient, sessionId: string) => void) => {
    return (ctx: RequestContext) => {
      const client = sessions.clientOf(ctx.req);
      const sessionId = ctx.params[0] ?? "";
      if (!client?.sessions.some((s) => s.id === sessionId)) {
        // 401 makes clerk-js re-fetch the client and settle into the signed-out state.
        return fapiError(ctx.res, 401, "signed_out", "This session is not active on this client.", signedOutCookies());
      }
      handle(ctx, client, sessionId);
    };
  };

  const getOrCreateClient = (ctx: RequestContext) => {
    const existing = sessions.clientOf(ctx.req);
    const client = existing ?? store.createClient();
    const cookies = existing ? [] : [clientCookie(client.id)];
    sendJson(ctx.res, 200, { response: sessions.clientPayload(client), client: null }, cookies);
  };

  const signOut = (ctx: RequestContext, sessionId?: string) => {
    const client = sessions.clientOf(ctx.req);
    if (!client) return sendJson(ctx.res, 200, { response: null, client: null }, signedOutCookies());
    const [ended] = store.endSessions(client, sessionId);
    respond(ctx, client, ended ? sessions.sessionPayload(ended) : null, signedOutCookies());
  };

  return [
    { method: "GET", path: /^\/v1\/environment$/, handle: (ctx) => sendJson(ctx.res, 200, environmentJSON(appOrigin)) },
    // clerk-js "touches" the environment with a PATCH on some flows.
    {
      method: "PATCH",
      path: /^\/v1\/environment$/,
      handle: (ctx) => sendJson(ctx.res, 200, environmentJSON(appOrigin)),
    },
    { method: "GET", path: /^\/v1\/client$/, handle: getOrCreateClient },
    { method: "PUT", path: /^\/v1\/client$/, handle: getOrCreateClient },
    { method: "DELETE", path: /^\/v1\/client$/, handle: (ctx) => signOut(ctx) },
    { method: "DELETE", path: /^\/v1\/client\/sessions$/, handle: (ctx) => signOut(ctx) },
    { method: "DELETE", path: /^\/v1\/client\/sessions\/([^/]+)$/, handle: (ctx) => signOut(ctx, ctx.params[0]) },
    {
      method: "POST",
      path: /^\/v1\/client\/sessions\/([^/]+)\/(?:end|remove)$/,
      handle: (ctx) => signOut(ctx, ctx.params[0]),
    },
    {
      method: "POST",
      path: /^\/v1\/client\/sessions\/([^/]+)\/touch$/,
      handle: withSession((ctx, client, sessionId) => {
        const session = client.sessions.find((s) => s.id === sessionId)!;
        store.touch(session);
        respond(ctx, client, sessions.sessionPayload(session));
      }),
    },
    {
      method: "POST",
      path: /^\/v1\/client\/sessions\/([^/]+)\/tokens$/,
      handle: withSession((ctx, client, sessionId) => {
        const { jwt } = sessions.mint(client.sessions.find((s) => s.id === sessionId)!);
        sendJson(ctx.res, 200, { object: "token", jwt });
      }),
    },
    {
      method: "GET",
      path: /^\/v1\/client\/handshake$/,
      handle: (ctx) => {
        const target = sameOriginUrl(appOrigin, ctx.url.searchParams.get("redirect_url"));
        if (!target) return fapiError(ctx.res, 400, "invalid_redirect_url", "redirect_url must be on the app origin.");
        const client = sessions.clientOf(ctx.req);
        const session = client?.sessions[0];
        // The handshake token carries the cookies to set; @clerk/backend verifies it with the jwtKey
        // and applies them, so refreshing an expired session token needs no Backend API call.
        const directives =
          client && session
            ? signedInCookies(sessions.mint(session).jwt, Math.floor(client.updatedAt / 1000))
            : signedOutCookies();
        target.searchParams.set("__clerk_handshake", mintHandshakeToken(sessions.keys, directives));
        redirect(ctx.res, target.href, [], 307);
      },
    },
  ];
}
