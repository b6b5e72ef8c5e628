import { COOKIE_SUFFIX } from "./instance";

/**
 * Cookies live on the app's origin: the browser reaches the emulator through the app's `/clerk-fapi`
 * rewrite, so plain host-only cookies land where clerkMiddleware and clerk-js read them. Both the plain
 * and the suffixed names are written, as clerk-js does, so @clerk/backend sees a consistent pair
 * whichever it prefers.
 */
export const CLIENT_COOKIE = "__client";
const YEAR_SECONDS = 365 * 24 * 3600;
const ATTRIBUTES = `Path=/; SameSite=Lax; Max-Age=${YEAR_SECONDS}`;

function both(name: string, value: string, attributes: string): string[] {
  return [`${name}=${value}; ${attributes}`, `${name}_${COOKIE_SUFFIX}=${value}; ${attributes}`];
}

/** `__client_uat` must not be later than the token's iat, or @clerk/backend forces a handshake. */
export function signedInCookies(jwt: string, clientUat: number): string[] {
  return [...both("__session", jwt, ATTRIBUTES), ...both("__client_uat", String(clientUat), ATTRIBUTES)];
}

/** `__client_uat=0` tells @clerk/backend the browser is signed out without any handshake. */
export function signedOutCookies(): string[] {
  return [...both("__session", "", "Path=/; SameSite=Lax; Max-Age=0"), ...both("__client_uat", "0", ATTRIBUTES)];
}

/** HttpOnly: only the emulator needs the client id; page scripts never should. */
export function clientCookie(clientId: string): string {
  return `${CLIENT_COOKIE}=${clientId}; Path=/; HttpOnly; ${ATTRIBUTES.replace("Path=/; ", "")}`;
}
