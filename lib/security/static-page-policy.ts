import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import type { AdapterOutput, NextAdapter } from "next";
import { contentSecurityPolicy, reportingEndpoints, type CspConfig } from "@/lib/security/content-security-policy";

/**
 * Static pages' Content-Security-Policy. A prerendered page's inline scripts (Next.js's flight data) are
 * fixed by the build, so it can allow exactly those by hash instead of a per-request nonce. The hashes
 * exist only once the page is prerendered, after next.config's headers() were compiled into the routes
 * manifest, so the build adapter (build-adapter.mjs) records the policy in the page's prerender metadata
 * (`<page>.meta`): `next start` sends its headers with the prerendered HTML, and only with it.
 */

type BuildComplete = Parameters<NonNullable<NextAdapter["onBuildComplete"]>>[0];

/** What decides each page's policy: the pages, which of them are prerendered, and where the proxy runs. */
export interface BuildPages {
  appPages: readonly Pick<AdapterOutput["APP_PAGE"], "pathname">[];
  prerenders: readonly Pick<
    AdapterOutput["PRERENDER"],
    "pathname" | "routeType" | "response" | "compute" | "fallback"
  >[];
  proxyMatchers: readonly { sourceRegex: string }[];
}

export interface StaticPagePlan {
  /** Prerendered pages outside the proxy, with their HTML: they get the hash policy. */
  staticPages: { pathname: string; htmlPath: string }[];
  /** Pages that would be served broken or without any policy. */
  problems: string[];
}

/** The page for URLs that match no route (app/global-not-found.tsx): the proxy sees most of them. */
const notFoundPage = "/_not-found";
/** Prerendered as static export's 500.html only; `next start` renders the error inside the failing request. */
const exportOnlyPages = new Set(["/_global-error"]);

/**
 * Which pages get a hash policy, and which cannot be served safely: a prerendered page inside the proxy
 * would get a nonce policy that its prerendered scripts do not carry (they would not run), and a
 * per-request page outside the proxy would get no policy at all.
 */
export function planStaticPages({ appPages, prerenders, proxyMatchers }: BuildPages): StaticPagePlan {
  const matchers = proxyMatchers.map(({ sourceRegex }) => new RegExp(sourceRegex));
  const inProxy = (pathname: string) => pathname === notFoundPage || matchers.some((matcher) => matcher.test(pathname));
  const staticHtml = new Map(
    prerenders.flatMap((prerender) =>
      prerender.routeType === "page" &&
      prerender.response === "complete" &&
      prerender.compute === "static" &&
      prerender.fallback?.filePath?.endsWith(".html")
        ? [[prerender.pathname, prerender.fallback.filePath] as const]
        : [],
    ),
  );
  const plan: StaticPagePlan = { staticPages: [], problems: [] };
  const pages = new Set(appPages.map(({ pathname }) => pathname).filter((pathname) => !pathname.endsWith(".rsc")));
  for (const pathname of [...pages].sort()) {
    if (exportOnlyPages.has(pathname)) continue;
    const htmlPath = staticHtml.get(pathname);
    if (htmlPath && inProxy(pathname)) {
      plan.problems.push(
        `${pathname} is prerendered, but the proxy serves it with a per-request nonce its prerendered scripts ` +
          "do not carry: render it per request (e.g. `await connection()`) or keep it out of the proxy's matcher",
      );
    } else if (htmlPath) {
      plan.staticPages.push({ pathname, htmlPath });
    } else if (!inProxy(pathname)) {
      plan.problems.push(
        `${pathname} is rendered per request outside the proxy, so it would have no Content-Security-Policy: ` +
          "prerender it or add it to the proxy's matcher",
      );
    }
  }
  return plan;
}

/**
 * The CSP hash source of each inline classic or module script in an HTML document, in document order
 * without repeats. Data blocks (JSON and other non-script types) never run and need none.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes = "", content = ""] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\ssrc\s*=/i.test(attributes)) continue;
    const type = /\stype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type && type !== "module" && !/^(text|application)\/(java|ecma)script$/.test(type)) continue;
    hashes.add(`sha256-${createHash("sha256").update(content, "utf8").digest("base64")}`);
  }
  return [...hashes];
}

/** Inline event handler attributes (`onclick="…"`), which a hash policy cannot allow without 'unsafe-hashes'. */
export function inlineEventHandlers(html: string): string[] {
  const withoutScripts = html.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, "");
  return [...withoutScripts.matchAll(/<[a-z][^>]*?\s(on[a-z]+)\s*=/gi)].map(([, name = ""]) => name.toLowerCase());
}

/** The page's policy and reporting endpoint in its prerender metadata, which `next start` sends with the HTML. */
async function recordPolicy(config: CspConfig, pathname: string, htmlPath: string): Promise<number> {
  const html = await readFile(htmlPath, "utf8");
  const hashes = inlineScriptHashes(html);
  // Every App Router page carries inline flight data; none found means the HTML was not understood.
  if (hashes.length === 0) throw new Error(`found no inline scripts in ${pathname}'s prerendered HTML (${htmlPath})`);
  const handlers = inlineEventHandlers(html);
  if (handlers.length > 0) {
    throw new Error(`${pathname} has inline event handlers (${handlers.join(", ")}), which its policy cannot allow`);
  }
  const metaPath = htmlPath.replace(/\.html$/, ".meta");
  const meta = JSON.parse(await readFile(metaPath, "utf8")) as { headers?: Record<string, string> };
  const endpoints = reportingEndpoints(config);
  meta.headers = {
    ...meta.headers,
    "content-security-policy": contentSecurityPolicy(config, { hashes }),
    ...(endpoints ? { "reporting-endpoints": endpoints } : {}),
  };
  await writeFile(metaPath, JSON.stringify(meta, null, 2));
  return hashes.length;
}

/**
 * The build adapter's work, with the build's configuration: fails the build when a page would be served
 * broken or without a policy.
 */
export async function recordStaticPagePolicies(
  { outputs, routing }: Pick<BuildComplete, "outputs" | "routing">,
  config: CspConfig,
): Promise<void> {
  const plan = planStaticPages({
    appPages: outputs.appPages,
    prerenders: outputs.prerenders,
    proxyMatchers: routing.middlewareMatchers,
  });
  if (plan.problems.length > 0) {
    throw new Error(`Content-Security-Policy:\n${plan.problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
  for (const { pathname, htmlPath } of plan.staticPages) {
    const scripts = await recordPolicy(config, pathname, htmlPath);
    console.log(`Content-Security-Policy for static ${pathname}: ${scripts} inline script hash(es)`);
  }
}
