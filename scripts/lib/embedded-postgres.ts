import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { quoteIdentifier } from "../../db/roles";

export interface EmbeddedPostgres {
  /** The superuser's URL. The server ignores the user name: every connection shares one backend. */
  url: string;
  /**
   * Switches the one backend, and so every connection, to `role` (SET ROLE). PGlite has no logins: its
   * session user is always the superuser, so this separates privileges but cannot stop a connection
   * that runs RESET ROLE.
   */
  setRole(role: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * PGlite (PostgreSQL compiled to WASM) served over the wire protocol, so the app's postgres.js client
 * talks to it exactly as it would to a real server. It runs one backend and serialises queries: right
 * for one developer, not for load or concurrency tests.
 */
export async function startEmbeddedPostgres(options: { port: number; dataDir?: string }): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({ db, port: options.port, host: "127.0.0.1", maxConnections: 32 });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${options.port}/postgres`,
    async setRole(role) {
      await db.exec(`set role ${quoteIdentifier(role)}`);
    },
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
