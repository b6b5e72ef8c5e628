// Lets a plain Node process load the app's server modules: `server-only` exists to fail in client
// bundles, and outside Next.js's bundler it would fail everywhere. Tests resolve it to nothing.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      `export async function resolve(specifier, context, next) {
        return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context);
      }`,
    ),
);
