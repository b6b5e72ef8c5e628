/**
 * The subset of Clerk's Frontend API that clerk-js 6 calls for an already signed-in browser: loading,
 * token refresh, touch and sign-out, plus the handshake clerkMiddleware redirects documents to.
 */
import { Hono, type Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { clientCookie, signedInCookies, signedOutCookies } from "./cookies";
import { json, redirect } from "./responses";
import { sameOriginUrl } from "./redirects";
import { environmentJSON } from "./resources";
import type { Sessions } from "./sessions";
import type { StoredClient } from "./store";
import { mintHandshakeToken } from "./tokens";

function fapiError(c: Context, status: ContentfulStatusCode, code: string, message: string, cookies: string[] = []) {
  return json(c, { errors: [{ code, message, long_message: message, meta: {} }] }, status, cookies);
}

export function frontendApi(sessions: Sessions): Hono {
  const { store, appOrigin } = sessions;

  /** Mutations answer `{ response, client }`; clerk-js refreshes its client from the latter. */
  const respond = (c: Context, client: StoredClient, response: unknown, cookies: string[] = []) =>
    json(c, { response, client: sessions.clientPayload(client) }, 200, cookies);

  const withSession = (handle: (c: Context, client: StoredClient, sessionId: string) => Response) => {
    return (c: Context) => {
      const client = sessions.clientOf(c);
      const sessionId = c.req.param("sid") ?? "";
      if (!client?.sessions.some((s) => s.id === sessionId)) {
        // 401 makes clerk-js re-fetch the client and settle into the signed-out state.
        return fapiError(c, 401, "signed_out", "This session is not active on this client.", signedOutCookies());
      }
      return handle(c, client, sessionId);
    };
  };

  const getOrCreateClient = (c: Context) => {
    const existing = sessions.clientOf(c);
    const client = existing ?? store.createClient();
    const cookies = existing ? [] : [clientCookie(client.id)];
    return json(c, { response: sessions.clientPayload(client), client: null }, 200, cookies);
  };

  const signOut = (c: Context, sessionId?: string) => {
    const client = sessions.clientOf(c);
    if (!client) return json(c, { response: null, client: null }, 200, signedOutCookies());
    const [ended] = store.endSessions(client, sessionId);
    return respond(c, client, ended ? sessions.sessionPayload(ended) : null, signedOutCookies());
  };

  return (
    new Hono()
      // clerk-js "touches" the environment with a PATCH on some flows.
      .on(["GET", "PATCH"], "/v1/environment", (c) => json(c, environmentJSON(appOrigin)))
      .on(["GET", "PUT"], "/v1/client", getOrCreateClient)
      .delete("/v1/client", (c) => signOut(c))
      .delete("/v1/client/sessions", (c) => signOut(c))
      .delete("/v1/client/sessions/:sid", (c) => signOut(c, c.req.param("sid")))
      .post("/v1/client/sessions/:sid/:action{end|remove}", (c) => signOut(c, c.req.param("sid")))
      .post(
        "/v1/client/sessions/:sid/touch",
        withSession((c, client, sessionId) => {
          const session = client.sessions.find((s) => s.id === sessionId)!;
          store.touch(session);
          return respond(c, client, sessions.sessionPayload(session));
        }),
      )
      .post(
        "/v1/client/sessions/:sid/tokens",
        withSession((c, client, sessionId) => {
          const { jwt } = sessions.mint(client.sessions.find((s) => s.id === sessionId)!);
          return json(c, { object: "token", jwt });
        }),
      )
      .get("/v1/client/handshake", (c) => {
        const target = sameOriginUrl(appOrigin, c.req.query("redirect_url"));
        if (!target) return fapiError(c, 400, "invalid_redirect_url", "redirect_url must be on the app origin.");
        const client = sessions.clientOf(c);
        const session = client?.sessions[0];
        // The handshake token carries the cookies to set; @clerk/backend verifies it with the jwtKey
        // and applies them, so refreshing an expired session token needs no Backend API call.
        const directives =
          client && session
            ? signedInCookies(sessions.mint(session).jwt, Math.floor(client.updatedAt / 1000))
            : signedOutCookies();
        target.searchParams.set("__clerk_handshake", mintHandshakeToken(sessions.keys, directives));
        return redirect(c, target.href, [], 307);
      })
  );
}
