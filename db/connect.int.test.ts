import { afterAll, describe, expect, inject, it } from "vitest";
import { startTcpProxy } from "@/tests/support/tcp-proxy";
import { createDatabase } from "./connect";
import { users } from "./schema";

const url = inject("databaseUrl");
// PGlite serves one connection at a time.
const options = {
  poolMax: inject("databaseKind") === "pglite" ? 1 : 10,
  connectTimeoutSeconds: 2,
  statementTimeoutMs: 2_000,
};

describe("createDatabase", () => {
  const finished: { text: string; ok: boolean; durationMs: number }[] = [];
  const { db, sql } = createDatabase({
    url,
    ...options,
    observeQuery: (text) => (outcome) => finished.push({ text, ...outcome }),
  });
  afterAll(() => sql.end());

  it("reports every Drizzle query with its duration, inside transactions too", async () => {
    finished.length = 0;
    await db.select().from(users).limit(1);
    await db.transaction(async (tx) => {
      await tx.execute("select pg_sleep(0.05)");
    });
    const texts = finished.map((query) => query.text);
    expect(texts.some((text) => text.startsWith('select "id", "email"'))).toBe(true);
    const sleep = finished.find((query) => query.text.includes("pg_sleep"));
    expect(sleep?.ok).toBe(true);
    expect(sleep?.durationMs).toBeGreaterThanOrEqual(45);
  });

  it("reports failed queries as not ok and still rejects", async () => {
    finished.length = 0;
    await expect(db.execute("select * from no_such_table")).rejects.toThrow(/no_such_table/);
    expect(finished.at(-1)?.ok).toBe(false);
  });

  // PGlite runs statements on one WASM thread with no timer to cancel them, so only a real server can.
  it.runIf(inject("databaseKind") === "postgresql")("applies the statement timeout from its options", async () => {
    const short = createDatabase({ url, ...options, statementTimeoutMs: 100 });
    try {
      await expect(short.db.execute("select pg_sleep(1)")).rejects.toMatchObject({ cause: { code: "57014" } });
    } finally {
      await short.sql.end();
    }
  });

  it("fails while the database is unreachable and recovers on its own when it is back", async () => {
    const target = new URL(url);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const proxied = new URL(url);
    proxied.port = String(proxy.port);
    const outage = createDatabase({ url: proxied.toString(), ...options });
    try {
      await expect(outage.db.execute("select 1 as one")).resolves.toBeDefined();
      proxy.cut();
      await expect(outage.db.execute("select 1 as one")).rejects.toThrow();
      proxy.restore();
      await expect(outage.db.execute("select 1 as one")).resolves.toBeDefined();
    } finally {
      await outage.sql.end({ timeout: 1 });
      await proxy.close();
    }
  });
});
