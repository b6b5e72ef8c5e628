import { createReadStream, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import type { Route } from "./http";

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

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
};

export const bundleRoutes: Route[] = [
  // Any version in the URL is served from the installed package; file names are flat, so no `/`.
  { dist: clerkJsDist, path: /^\/npm\/@clerk\/clerk-js@[^/]+\/dist\/([\w.-]+)$/ },
  { dist: clerkUiDist, path: /^\/npm\/@clerk\/ui@[^/]+\/dist\/([\w.-]+)$/ },
].map(({ dist, path }) => ({
  method: "GET",
  path,
  handle: ({ res, params }) => {
    const name = params[0] ?? "";
    const type = CONTENT_TYPES[extname(name)];
    const file = join(dist, name);
    if (!type || name.startsWith(".") || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": type,
      "cache-control": "public, max-age=3600",
      // The loader adds crossorigin="anonymous"; this keeps direct (non-proxied) loads working too.
      "access-control-allow-origin": "*",
    });
    createReadStream(file).pipe(res);
  },
}));
