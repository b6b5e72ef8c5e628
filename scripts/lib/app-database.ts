import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { applyMigrations } from "../../db/migrate";
import { createRoles, grantAppAccess, rolesForDatabase, type DatabaseRoles } from "../../db/roles";
import type { EmbeddedPostgres } from "./embedded-postgres";

export interface AppDatabase {
  /** The app's DATABASE_URL: the app role. */
  appUrl: string;
  /** The owner's URL for later migrations; none on the embedded database, whose one backend is the app's. */
  ownerUrl?: string;
  roles: DatabaseRoles;
}

/** Where the stack and the tests put the database: a PostgreSQL server, or the embedded PGlite. */
export type DatabaseTarget = { kind: "postgresql"; adminUrl: string } | { kind: "embedded"; server: EmbeddedPostgres };

function withLogin(url: string, role: string, password?: string): string {
  const login = new URL(url);
  login.username = encodeURIComponent(role);
  login.password = password ? encodeURIComponent(password) : "";
  return login.toString();
}

/** The database a URL names; like libpq, an empty path means the user's own database. */
export function databaseName(url: string): string {
  const { pathname, username } = new URL(url);
  return decodeURIComponent(pathname.slice(1) || username);
}

async function asRole(url: string, run: (sql: postgres.Sql) => Promise<void>): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await run(sql);
  } finally {
    await sql.end();
  }
}

/** The role a connection URL logs in as. */
export function loginRole(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Applies the migrations as the owner, then grants `appRole` the tables (the default privileges cover
 * tables the owner creates later; this also covers a database whose roles were made by hand).
 */
export async function migrateAsOwner(ownerUrl: string, appRole: string): Promise<void> {
  await applyMigrations(ownerUrl);
  if (appRole && appRole !== loginRole(ownerUrl)) await asRole(ownerUrl, (owner) => grantAppAccess(owner, appRole));
}

/**
 * Creates the owner and app roles (README → Security → Database roles), migrates as the owner, grants
 * the app its tables and returns the app's URL. `adminUrl` (or the embedded superuser) must be allowed to
 * create roles. On PostgreSQL each role logs in with a password made for this run; PGlite has no
 * logins, so its one backend runs as the owner while migrating and as the app afterwards.
 */
export async function prepareAppDatabase(target: DatabaseTarget): Promise<AppDatabase> {
  const adminUrl = target.kind === "postgresql" ? target.adminUrl : target.server.url;
  const database = databaseName(adminUrl);
  const roles = rolesForDatabase(database);
  const passwords =
    target.kind === "postgresql"
      ? { owner: randomBytes(18).toString("base64url"), app: randomBytes(18).toString("base64url") }
      : {};
  await asRole(adminUrl, (admin) => createRoles(admin, database, roles, passwords));

  const ownerUrl = withLogin(adminUrl, roles.owner, passwords.owner);
  const appUrl = withLogin(adminUrl, roles.app, passwords.app);
  if (target.kind === "embedded") await target.server.setRole(roles.owner);
  await migrateAsOwner(ownerUrl, roles.app);
  if (target.kind === "embedded") {
    await target.server.setRole(roles.app);
    return { appUrl, roles };
  }
  return { appUrl, ownerUrl, roles };
}
