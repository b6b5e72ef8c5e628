import * as Sentry from "@sentry/nextjs";

/**
 * Runs once when a server instance starts: Sentry first, so everything after is traced; then the
 * database check, because a database that cannot be reached at start is a configuration problem.
 */
export async function register() {
  // NEXT_RUNTIME is set by Next.js itself for each runtime, not by configuration.
  // eslint-disable-next-line no-restricted-properties
  const runtime = process.env.NEXT_RUNTIME;
  if (runtime === "edge") await import("./sentry.edge.config");
  if (runtime !== "nodejs") return;
  await import("./sentry.server.config");
  const { checkStartupDatabase } = await import("./lib/startup");
  await checkStartupDatabase();
}

/** Errors thrown while rendering or in route handlers and Server Actions, with their request's trace. */
export const onRequestError = Sentry.captureRequestError;
