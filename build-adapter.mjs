/**
 * The Next.js build adapter (next.config.ts `adapterPath`). When `next build` completes, whichever script
 * ran it, it records each static page's hash-based Content-Security-Policy where `next start` serves that
 * page's headers (lib/security/static-page-policy.ts), and fails the build when it cannot. Next.js imports
 * adapters with Node itself, at every command, so this stays plain JavaScript and loads the TypeScript
 * with tsx only once a build completes.
 */

/** @type {import("next").NextAdapter} */
const adapter = {
  name: "taskpilot static page CSP",
  async onBuildComplete(context) {
    const { tsImport } = await import("tsx/esm/api");
    const [{ env }, { recordStaticPagePolicies }] = await Promise.all([
      tsImport("./lib/env/index.ts", import.meta.url),
      tsImport("./lib/security/static-page-policy.ts", import.meta.url),
    ]);
    await recordStaticPagePolicies(context, env);
  },
};

export default adapter;
