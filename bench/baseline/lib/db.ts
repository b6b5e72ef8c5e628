import postgres, { type Sql } from "postgres";
import { baselineEnv } from "./env";

let client: Sql | undefined;

/** One postgres.js pool per server, like the product's, but with no query observer wrapped around it. */
export function sql(): Sql {
  if (!client) {
    const env = baselineEnv();
    client = postgres(env.DATABASE_URL, {
      max: env.DATABASE_POOL_MAX,
      onnotice: () => {},
      // Dates stay `YYYY-MM-DD` text, as Drizzle's date columns in string mode give them to the product.
      types: { date: { to: 1082, from: [1082], serialize: (value: string) => value, parse: (value: string) => value } },
    });
  }
  return client;
}
