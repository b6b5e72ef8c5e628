import type { Sql } from "postgres";

/**
 * Least privilege in the database: one role owns the schema and runs the migrations, another one serves
 * the app and may only read and write the owner's tables in `public`. The README's "Database roles"
 * section has the same statements for a managed database.
 */
export interface DatabaseRoles {
  /** Owns every table, type and function; runs the migrations. The running app never uses it. */
  owner: string;
  /** The app's login: SELECT, INSERT, UPDATE and DELETE on the owner's tables in `public`, nothing else. */
  app: string;
}

const maxIdentifierLength = 63;

/**
 * Roles are named after the database, so test runs that share a server never share roles; the
 * maintenance database `postgres` (and the embedded one) gets `taskpilot_owner` and `taskpilot_app`.
 */
export function rolesForDatabase(database: string): DatabaseRoles {
  const prefix = database === "postgres" ? "taskpilot" : database;
  const roles = { owner: `${prefix}_owner`, app: `${prefix}_app` };
  if (roles.owner.length > maxIdentifierLength) {
    throw new Error(`database name "${database}" is too long to name its roles after it (at most 57 characters)`);
  }
  return roles;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Creates the two login roles if they are missing (or updates their passwords) and grants them what
 * they need on `database`. Run as a superuser or a role with CREATEROLE that owns the database.
 */
export async function createRoles(
  admin: Sql,
  database: string,
  roles: DatabaseRoles,
  passwords: Partial<DatabaseRoles> = {},
): Promise<void> {
  for (const kind of ["owner", "app"] as const) {
    const role = quoteIdentifier(roles[kind]);
    // A concurrent CREATE ROLE of the same name can fail with either error; the role then exists.
    await admin.unsafe(`do $$ begin create role ${role} login;
      exception when duplicate_object or unique_violation then null; end $$`);
    const password = passwords[kind];
    await admin.unsafe(`alter role ${role} login${password ? ` password ${quoteLiteral(password)}` : ""}`);
  }
  await assertUnprivileged(admin, roles.app);
  const [owner, app, db] = [roles.owner, roles.app, database].map(quoteIdentifier);
  await admin.unsafe(`
    -- CREATE on the database: the migrator keeps its journal in a schema of its own.
    grant connect, create on database ${db} to ${owner};
    grant connect on database ${db} to ${app};
    -- No temporary tables for anyone but the administrator.
    revoke temporary on database ${db} from public;
    -- PostgreSQL 14 and older let every role create tables in public.
    revoke create on schema public from public;
    grant usage, create on schema public to ${owner};
    grant usage on schema public to ${app};
  `);
  await adoptObjects(admin, roles.owner);
}

/** A role that bypasses privileges would make the grants meaningless: refuse to go on with one. */
async function assertUnprivileged(admin: Sql, role: string): Promise<void> {
  const [attributes] = await admin<{ privileged: boolean }[]>`
    select rolsuper or rolcreaterole or rolcreatedb or rolreplication or rolbypassrls as privileged
    from pg_roles where rolname = ${role}`;
  if (attributes?.privileged) {
    throw new Error(
      `role ${role} has SUPERUSER, CREATEROLE, CREATEDB, REPLICATION or BYPASSRLS; the app's role must have none`,
    );
  }
}

/**
 * Hands the schema's objects to the owner when another role created them (a database migrated before
 * the roles existed). Objects of extensions, and sequences and types that belong to a table, follow
 * their parent.
 */
async function adoptObjects(admin: Sql, owner: string): Promise<void> {
  const target = quoteLiteral(owner);
  await admin.unsafe(`do $$
    declare
      statement text;
    begin
      for statement in
        select format('alter schema %I owner to %I', n.nspname, ${target})
        from pg_namespace n where n.nspname = 'drizzle' and n.nspowner <> ${target}::regrole
        union all
        select format('alter %s %I.%I owner to %I',
          case c.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view'
            when 'f' then 'foreign table' else 'table' end,
          n.nspname, c.relname, ${target})
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'drizzle') and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
          and c.relowner <> ${target}::regrole
          and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
            and d.deptype in ('a', 'i', 'e'))
        union all
        select format('alter type %I.%I owner to %I', n.nspname, t.typname, ${target})
        from pg_type t join pg_namespace n on n.oid = t.typnamespace
        where n.nspname in ('public', 'drizzle') and t.typtype in ('e', 'd', 'r') and t.typowner <> ${target}::regrole
          and not exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid
            and d.deptype = 'e')
        union all
        select format('alter routine %s owner to %I', p.oid::regprocedure, ${target})
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('public', 'drizzle') and p.proowner <> ${target}::regrole
          and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid
            and d.deptype = 'e')
      loop
        execute statement;
      end loop;
    end $$`);
}

/**
 * Run as the owner after migrating: the app may read and write every table and use every sequence in
 * `public`, and the default privileges extend that to whatever later migrations create.
 */
export async function grantAppAccess(owner: Sql, app: string): Promise<void> {
  const role = quoteIdentifier(app);
  await owner.unsafe(`
    grant select, insert, update, delete on all tables in schema public to ${role};
    grant usage, select on all sequences in schema public to ${role};
    alter default privileges in schema public grant select, insert, update, delete on tables to ${role};
    alter default privileges in schema public grant usage, select on sequences to ${role};
  `);
}
