/**
 * Runs once when a server instance starts. A database that cannot be reached at start is a
 * configuration problem: say where we tried, in one line, and exit instead of serving errors.
 */
export async function register() {
  // NEXT_RUNTIME is set by Next.js itself for each runtime, not by configuration.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkStartupDatabase } = await import("./lib/startup");
  await checkStartupDatabase();
}
