// Lets a plain Node process load the app's server modules the way Next.js's bundler does:
// - `server-only` exists to fail in client bundles, and outside the bundler it would fail everywhere, so
//   it resolves to nothing;
// - `@sentry/nextjs` resolves to its ES module build: through Node's CommonJS interop, a namespace import
//   of its CommonJS build lacks everything it re-exports from @sentry/node (getActiveSpan, captureException…).
import { register } from "node:module";

// A JavaScript module as a URL: this prefix, then the source. The prefix alone is an empty module.
const jsDataUrl = "data:text/javascript,";
const sentryEsm = new URL("../../node_modules/@sentry/nextjs/build/esm/index.server.js", import.meta.url).href;

register(
  jsDataUrl +
    encodeURIComponent(
      `export async function resolve(specifier, context, next) {
        if (specifier === "server-only") return { url: "${jsDataUrl}", shortCircuit: true };
        if (specifier === "@sentry/nextjs") return { url: "${sentryEsm}", shortCircuit: true };
        return next(specifier, context);
      }`,
    ),
);
