// Lets a plain Node process load the app's server modules: `server-only` exists to fail in client
// bundles, and outside Next.js's bundler it would fail everywhere. Tests resolve it to nothing.
import { register } from "node:module";

// A JavaScript module as a URL: this prefix, then the source. The prefix alone is an empty module.
const jsDataUrl = "data:text/javascript,";

register(
  jsDataUrl +
    encodeURIComponent(
      `export async function resolve(specifier, context, next) {
        return specifier === "server-only" ? { url: "${jsDataUrl}", shortCircuit: true } : next(specifier, context);
      }`,
    ),
);
