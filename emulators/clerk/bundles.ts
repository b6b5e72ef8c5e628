import { readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { Hono } from "hono";
import { getMimeType } from "hono/utils/mime";

const require = createRequire(import.meta.url);
// clerk-js does not export its package.json; its CommonJS entry sits in dist/.
const clerkJsDist = dirname(require.resolve("@clerk/clerk-js"));
const clerkUiDist = join(dirname(require.resolve("@clerk/ui/package.json")), "dist");

export const CLERK_JS_VERSION: string = JSON.parse(
  readFileSync(join(clerkJsDist, "..", "package.json"), "utf8"),
).version;
export const CLERK_UI_VERSION: string = JSON.parse(
  readFileSync(join(clerkUiDist, "..", "package.json"), "utf8"),
).version;

/** Same layout as Clerk's CDN, so the bundles' own chunk loading (relative to the script URL) works. */
export const CLERK_JS_PATH = `/npm/@clerk/clerk-js@${CLERK_JS_VERSION}/dist/clerk.browser.js`;
export const CLERK_UI_PATH = `/npm/@clerk/ui@${CLERK_UI_VERSION}/dist/ui.browser.js`;

/** Only what the bundles load: scripts, styles and their source maps. */
const SERVED_EXTENSIONS = new Set([".js", ".css", ".map"]);

export function bundles(): Hono {
  const app = new Hono();
  // Any version in the URL is served from the installed package; file names are flat, so no `/`.
  for (const [pkg, dist] of [
    ["clerk-js", clerkJsDist],
    ["ui", clerkUiDist],
  ] as const) {
    app.get(`/npm/@clerk/:pkg{${pkg}@[^/]+}/dist/:name{[\\w.-]+}`, async (c) => {
      const name = c.req.param("name");
      const type = SERVED_EXTENSIONS.has(extname(name)) ? getMimeType(name) : undefined;
      const file = join(dist, name);
      if (!type || name.startsWith(".") || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
        return c.text("not found", 404);
      }
      return c.body(await readFile(file), 200, {
        "content-type": type,
        "cache-control": "public, max-age=3600",
        // The loader adds crossorigin="anonymous"; this keeps direct (non-proxied) loads working too.
        "access-control-allow-origin": "*",
      });
    });
  }
  return app;
}
