import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { setup } from "./setup";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "sentry-emulator-"));
  dirs.push(dir);
  return dir;
}

describe("setup", () => {
  it("returns a local DSN for server and browser, with a key that survives restarts", async () => {
    const dataDir = path.join(await tempDir(), "sentry");
    const env = await setup({ dataDir, port: 4567, appUrl: "http://localhost:3000" });

    expect(Object.keys(env).sort()).toEqual(["NEXT_PUBLIC_SENTRY_DSN", "SENTRY_DSN"]);
    expect(env.SENTRY_DSN).toMatch(/^http:\/\/[0-9a-f]{32}@127\.0\.0\.1:4567\/1$/);
    expect(env.NEXT_PUBLIC_SENTRY_DSN).toBe(env.SENTRY_DSN);
    expect(await setup({ dataDir, port: 4567, appUrl: "http://localhost:3000" })).toEqual(env);
    expect(await readFile(path.join(dataDir, "sentry-dsn.json"), "utf8")).toContain(new URL(env.SENTRY_DSN!).username);
  });

  it("replaces an unreadable key file", async () => {
    const dataDir = await tempDir();
    await writeFile(path.join(dataDir, "sentry-dsn.json"), "{not json");
    const env = await setup({ dataDir, port: 1, appUrl: "http://localhost:3000" });
    expect(env.SENTRY_DSN).toMatch(/^http:\/\/[0-9a-f]{32}@127\.0\.0\.1:1\/1$/);
  });
});
