import { loadLocalEnv } from "./lib/load-env";
import { describeUnreachableDatabase } from "../db/connection-error";
import { loginRole, migrateAsOwner } from "./lib/app-database";
import { readToolEnv } from "./lib/tool-env";

loadLocalEnv();
const { DATABASE_OWNER_URL, DATABASE_URL } = readToolEnv();
if (!DATABASE_OWNER_URL) {
  console.error(
    "DATABASE_OWNER_URL is not set: migrations run as the schema owner, never as the app's role " +
      "(README → Security → Database roles). `npm run stack` applies them itself at every start.",
  );
  process.exit(1);
}
try {
  // With the app's DATABASE_URL known, its role is granted the tables too (also covered by default privileges).
  await migrateAsOwner(DATABASE_OWNER_URL, DATABASE_URL ? loginRole(DATABASE_URL) : "");
  console.log("Migrations applied.");
} catch (error) {
  console.error(describeUnreachableDatabase(DATABASE_OWNER_URL, error) ?? error);
  process.exit(1);
}
