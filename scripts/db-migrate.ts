import { loadLocalEnv } from "./lib/load-env";
import { applyMigrations } from "../db/migrate";
import { describeUnreachableDatabase } from "../db/connection-error";
import { readToolEnv } from "./lib/tool-env";

loadLocalEnv();
const { DATABASE_URL } = readToolEnv();
if (!DATABASE_URL) {
  console.error("DATABASE_URL is not set. Run `npm run stack` once to create .env.local, or export DATABASE_URL.");
  process.exit(1);
}
try {
  await applyMigrations(DATABASE_URL);
  console.log("Migrations applied.");
} catch (error) {
  console.error(describeUnreachableDatabase(DATABASE_URL, error) ?? error);
  process.exit(1);
}
