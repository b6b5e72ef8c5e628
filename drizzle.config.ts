import { defineConfig } from "drizzle-kit";
import { loadLocalEnv } from "./scripts/lib/load-env";

// Same precedence as the app: process env first, then .env.local written by `npm run stack`.
loadLocalEnv();

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  dbCredentials: { url: process.env.DATABASE_URL ?? "" },
  strict: true,
  verbose: true,
});
