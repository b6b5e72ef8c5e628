import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import type { DatabaseRoles } from "../../db/roles";
import { createClerkEmulator } from "../../emulators/clerk/server";
import { setup as clerkSetup } from "../../emulators/clerk/setup";
import { createStripeEmulator } from "../../emulators/stripe/server";
import { setup as stripeSetup } from "../../emulators/stripe/setup";
import { prepareAppDatabase } from "../../scripts/lib/app-database";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { generousRateLimits } from "../../scripts/lib/rate-limits";
import { createFreshDatabase } from "../../scripts/lib/test-database";
import { readToolEnv } from "../../scripts/lib/tool-env";

const appUrl = "http://localhost:3999";

async function onPostgresql(serverUrl: string) {
  const database = await createFreshDatabase(serverUrl, "it");
  try {
    return { database, app: await prepareAppDatabase({ kind: "postgresql", adminUrl: database.url }) };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

async function onPglite() {
  const server = await startEmbeddedPostgres({ port: 20_000 + Math.floor(Math.random() * 20_000) });
  return { database: { drop: () => server.stop() }, app: await prepareAppDatabase({ kind: "embedded", server }) };
}

/**
 * Every integration run gets its own empty database, dropped at the end: a fresh database on the
 * server in DATABASE_URL when set, otherwise an in-memory PGlite. Either way the app connects as the app
 * role, as in production, and migrations run as the owner. A Clerk emulator supplies real keys and a
 * Backend API. Workers inherit all of it through process.env, which is where lib/env reads it.
 */
export default async function setup(project: TestProject) {
  const { DATABASE_URL } = readToolEnv();
  const { database, app } = DATABASE_URL ? await onPostgresql(DATABASE_URL) : await onPglite();

  const clerkDataDir = mkdtempSync(path.join(tmpdir(), "taskpilot-it-clerk-"));
  const clerk = createClerkEmulator({ dataDir: clerkDataDir, appUrl });
  await new Promise<void>((resolve) => clerk.server.listen(0, "127.0.0.1", resolve));
  const clerkPort = (clerk.server.address() as AddressInfo).port;
  const clerkEnv = await clerkSetup({ dataDir: clerkDataDir, port: clerkPort, appUrl });

  // Stripe's deliveries are held: tests deliver events themselves, in the order and number they choose.
  const stripeEnv = await stripeSetup({ dataDir: clerkDataDir, port: 0, appUrl });
  const stripe = createStripeEmulator({
    appUrl,
    secretKey: stripeEnv.STRIPE_SECRET_KEY as string,
    publishableKey: stripeEnv.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY as string,
    webhookSecret: stripeEnv.STRIPE_WEBHOOK_SECRET as string,
  });
  stripe.webhooks.hold();
  await new Promise<void>((resolve) => stripe.server.listen(0, "127.0.0.1", resolve));

  Object.assign(process.env, clerkEnv, stripeEnv, generousRateLimits, {
    STRIPE_API_URL: stripe.url(),
    // A short open period so breaker tests see it recover within the test.
    STRIPE_BREAKER_HALF_OPEN_MS: "1000",
    NODE_ENV: "test",
    METRICS_TOKEN: "integration-metrics-token",
    APP_URL: appUrl,
    DATABASE_URL: app.appUrl,
    // One connection at a time on PGlite (see scripts/stack.ts).
    ...(DATABASE_URL ? {} : { DATABASE_POOL_MAX: "1" }),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
  });
  project.provide("databaseKind", DATABASE_URL ? "postgresql" : "pglite");
  project.provide("databaseUrl", app.appUrl);
  project.provide("databaseRoles", app.roles);
  project.provide("databaseServerUrl", DATABASE_URL ?? "");
  project.provide("clerkEmulatorUrl", `http://127.0.0.1:${clerkPort}`);
  project.provide("stripeEmulatorUrl", stripe.url());
  const { host, pathname } = new URL(app.appUrl);
  console.log(`[integration] ${DATABASE_URL ? "fresh PostgreSQL database" : "embedded PGlite"} at ${host}${pathname}`);

  return async () => {
    await clerk.close();
    await stripe.close();
    rmSync(clerkDataDir, { recursive: true, force: true });
    await database.drop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseKind: "postgresql" | "pglite";
    /** The fresh database as the app role, for tests of db/ that must not load the app's configuration. */
    databaseUrl: string;
    databaseRoles: DatabaseRoles;
    /** The server in the tool's DATABASE_URL (an administrator), or "" on PGlite. */
    databaseServerUrl: string;
    clerkEmulatorUrl: string;
    stripeEmulatorUrl: string;
  }
}
