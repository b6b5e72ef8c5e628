import "server-only";
import { recordSecurityEvent } from "@/lib/observability/metrics";

/**
 * Clerk's middleware tells why it did not accept a session token in `x-clerk-auth-reason` on its
 * response (Clerk's TokenVerificationErrorReason and AuthErrorReason values). A missing token is an
 * ordinary signed-out visit, not a refusal; these are, and they are what a failed-login rate is made of.
 */
const refusedSessionReasons: Record<string, string> = {
  "token-expired": "session_expired",
  "token-invalid-signature": "session_bad_signature",
  "token-invalid-authorized-parties": "session_wrong_party",
  "token-invalid-issuer": "session_wrong_issuer",
  "token-not-active-yet": "session_not_yet_valid",
  "token-iat-in-the-future": "session_not_yet_valid",
  "token-invalid": "session_malformed",
  "token-invalid-algorithm": "session_malformed",
  "jwk-kid-mismatch": "session_bad_signature",
  "session-token-nbf": "session_not_yet_valid",
  "session-token-iat-in-the-future": "session_not_yet_valid",
};

/** Clerk suffixes why it could not refresh, e.g. `session-token-expired-refresh-non-eligible-no-refresh-cookie`. */
const expiredPrefix = "session-token-expired";

/** The counter's reason for a refused session token, or null when Clerk did not refuse one. */
export function refusedSessionReason(clerkResponse: Response): string | null {
  const reason = clerkResponse.headers.get("x-clerk-auth-reason");
  if (!reason || clerkResponse.headers.get("x-clerk-auth-status") !== "signed-out") return null;
  if (reason.startsWith(expiredPrefix)) return "session_expired";
  return refusedSessionReasons[reason] ?? (reason.startsWith("token-") ? "session_invalid" : null);
}

/** Counts what proxy.ts refused: a session token Clerk would not accept, and each 401, 403 and 429 it sent. */
export function recordProxyRefusals(clerkResponse: Response): void {
  const sessionReason = refusedSessionReason(clerkResponse);
  if (sessionReason) recordSecurityEvent(sessionReason, "proxy");
  if (clerkResponse.status === 401) recordSecurityEvent("unauthorized", "proxy");
}
