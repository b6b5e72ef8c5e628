import { loadLocalEnv } from "./lib/load-env";
import { createDatabase } from "../db/connect";
import { describeUnreachableDatabase } from "../db/connection-error";
import { demoUser, seedDemoData } from "../db/seed";
import { readToolEnv } from "./lib/tool-env";

loadLocalEnv();
const { DATABASE_URL } = readToolEnv();
if (!DATABASE_URL) {
  console.error("DATABASE_URL is not set. Start `npm run stack` (or `npm run dev`) first, or export DATABASE_URL.");
  process.exit(1);
}
const { db, sql } = createDatabase({
  url: DATABASE_URL,
  poolMax: 1,
  connectTimeoutSeconds: 5,
  statementTimeoutMs: 60_000,
});
try {
  await seedDemoData(db);
  console.log(`Seeded ${demoUser.email} (${demoUser.id}) with demo tasks.`);
} catch (error) {
  console.error(describeUnreachableDatabase(DATABASE_URL, error) ?? error);
  process.exitCode = 1;
} finally {
  await sql.end();
}
