import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { quoteIdentifier, rolesForDatabase } from "../../db/roles";

const localHosts = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Tests create and drop databases: refuse anything but a server on this machine. */
export function assertLocalDatabase(url: string): void {
  const { hostname } = new URL(url);
  if (!localHosts.has(hostname)) {
    throw new Error(
      `Refusing to run tests against a non-local database host (${hostname}). Point DATABASE_URL at 127.0.0.1.`,
    );
  }
}

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A new, empty database on the server at `serverUrl`, named so concurrent runs never collide. Dropping it
 * also drops the roles named after it (db/roles.ts), which the stack or the test setup may have created.
 */
export async function createFreshDatabase(serverUrl: string, label: string): Promise<FreshDatabase> {
  assertLocalDatabase(serverUrl);
  const name = `taskpilot_${label}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
        const roles = Object.values(rolesForDatabase(name)).map(quoteIdentifier);
        await cleanup.unsafe(`drop role if exists ${roles.join(", ")}`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
