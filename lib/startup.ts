import "server-only";
import { describeUnreachableDatabase } from "@/db/connection-error";
import { env } from "@/lib/env";
import { checkDatabase } from "@/lib/observability/health";

export async function checkStartupDatabase(): Promise<void> {
  const database = await checkDatabase(env.DATABASE_CONNECT_TIMEOUT_SECONDS * 1_000);
  if (database.status === "ok") return;
  const message = describeUnreachableDatabase(env.DATABASE_URL, { code: database.error });
  console.error(message ?? `Cannot use PostgreSQL at ${new URL(env.DATABASE_URL).host}: ${database.error}`);
  process.exit(1);
}
