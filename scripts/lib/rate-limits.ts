/**
 * Abuse limits high enough never to trip, for test suites and benchmarks that are about something else:
 * they send more requests from one user and one address in a minute than any person would. The tests
 * about the limits set their own low ones.
 */
const unreachable = "1000000";

export const generousRateLimits: Record<string, string> = Object.fromEntries(
  [
    "TASK_WRITES_PER_USER",
    "TASK_WRITES_PER_IP",
    "PAYMENT_INTENT_PER_USER",
    "PAYMENT_INTENT_PER_IP",
    "BILLING_SYNC_PER_USER",
    "BILLING_SYNC_PER_IP",
    "TEST_ERROR_PER_USER",
    "TEST_ERROR_PER_IP",
    "WEBHOOKS_PER_IP",
    "SIGN_IN_PER_IP",
    "CSP_REPORTS_PER_IP",
  ].map((name) => [`RATE_LIMIT_${name}`, unreachable]),
);
