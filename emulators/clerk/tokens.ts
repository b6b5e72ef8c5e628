import { createSign, type KeyObject } from "node:crypto";
import { generateRsaKey, type KeyMaterial } from "./keys";
import { ISSUER } from "./instance";

export const TOKEN_VARIANTS = ["valid", "expired", "wrong-key", "wrong-azp", "future-nbf"] as const;
export type TokenVariant = (typeof TOKEN_VARIANTS)[number];

/** Clerk's session tokens live for 60 s; clerk-js refreshes them in the background. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 60;
const FOREIGN_AZP = "https://not-the-app.example";

export interface SessionClaims {
  sub: string;
  sid: string;
  iat: number;
  nbf: number;
  exp: number;
  iss: string;
  azp: string;
  v: 2;
  sts: "active";
  /** What Clerk's session-token template `{"metadata": "{{user.public_metadata}}"}` adds. */
  metadata: Record<string, unknown>;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

export function signJwt(payload: object, key: KeyObject, kid: string): string {
  const head = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
  const body = base64url(JSON.stringify(payload));
  const signature = createSign("RSA-SHA256").update(`${head}.${body}`).sign(key);
  return `${head}.${body}.${base64url(signature)}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

// Generated lazily: only the `wrong-key` variant needs it, and RSA generation costs ~100 ms.
let foreignKey: KeyObject | undefined;

export interface MintOptions {
  userId: string;
  sessionId: string;
  appOrigin: string;
  variant?: TokenVariant;
  lifetimeSeconds?: number;
  /** The user's public metadata, put into the token as the app's session-token template does. */
  metadata?: Record<string, unknown>;
}

export function mintSessionToken(keys: KeyMaterial, options: MintOptions): { jwt: string; claims: SessionClaims } {
  const variant = options.variant ?? "valid";
  const lifetime = options.lifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  const now = nowSeconds();
  // Expired by far more than @clerk/backend's 5 s clock-skew allowance.
  const iat = variant === "expired" ? now - lifetime - 600 : now;
  const claims: SessionClaims = {
    sub: options.userId,
    sid: options.sessionId,
    iat,
    // Clerk back-dates nbf a little to absorb clock drift between machines.
    nbf: variant === "future-nbf" ? now + 600 : iat - 10,
    exp: iat + lifetime,
    iss: ISSUER,
    azp: variant === "wrong-azp" ? FOREIGN_AZP : options.appOrigin,
    v: 2,
    sts: "active",
    metadata: options.metadata ?? {},
  };
  const key = variant === "wrong-key" ? (foreignKey ??= generateRsaKey()) : keys.privateKey;
  return { jwt: signJwt(claims, key, keys.kid), claims };
}

/**
 * The `__clerk_handshake` token @clerk/backend's resolveHandshake accepts: an instance-signed JWT whose
 * `handshake` claim lists Set-Cookie directives to apply. It is verified with the same jwtKey.
 */
export function mintHandshakeToken(keys: KeyMaterial, directives: string[]): string {
  const iat = nowSeconds();
  return signJwt({ handshake: directives, iat, exp: iat + 60 }, keys.privateKey, keys.kid);
}
