import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { CLIENT_COOKIE, clientCookie, signedInCookies } from "./cookies";
import type { KeyMaterial } from "./keys";
import { clientJSON, sessionJSON } from "./resources";
import type { ClerkStore, StoredClient, StoredSession } from "./store";
import { mintSessionToken, nowSeconds, type TokenVariant } from "./tokens";

/** Ties the store to tokens and cookies: what signing in and serialising a client have in common. */
export class Sessions {
  constructor(
    readonly store: ClerkStore,
    readonly keys: KeyMaterial,
    readonly appOrigin: string,
  ) {}

  /** The client in the request's `__client` cookie (the first one, as browsers send the most specific first). */
  clientOf(c: Context): StoredClient | undefined {
    return this.store.getClient(getCookie(c, CLIENT_COOKIE));
  }

  mint(session: StoredSession, variant?: TokenVariant, lifetimeSeconds?: number) {
    return mintSessionToken(this.keys, {
      userId: session.userId,
      sessionId: session.id,
      appOrigin: this.appOrigin,
      variant,
      lifetimeSeconds,
      metadata: this.store.getUser(session.userId)?.publicMetadata,
    });
  }

  /** Signs `userId` in on the request's client (or a new one); returns the cookies to set. */
  signIn(c: Context | undefined, userId: string) {
    const existing = c && this.clientOf(c);
    const client = existing ?? this.store.createClient();
    // Whole seconds, so __client_uat (from the client's updated_at) never exceeds the token's iat.
    const clientUat = nowSeconds();
    const session = this.store.signIn(client, userId, clientUat * 1000);
    const { jwt } = this.mint(session);
    return { client, session, jwt, cookies: [clientCookie(client.id), ...signedInCookies(jwt, clientUat)] };
  }

  sessionPayload(session: StoredSession) {
    const user = this.store.getUser(session.userId);
    if (!user) return undefined;
    return sessionJSON(this.appOrigin, session, user, session.status === "active" ? this.mint(session).jwt : null);
  }

  clientPayload(client: StoredClient) {
    return clientJSON(
      client,
      client.sessions.flatMap((s) => this.sessionPayload(s) ?? []),
    );
  }
}
