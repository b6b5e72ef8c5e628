import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CspConfig } from "./content-security-policy";
import {
  inlineEventHandlers,
  inlineScriptHashes,
  planStaticPages,
  recordStaticPagePolicies,
  type BuildPages,
} from "./static-page-policy";

const sha256 = (text: string) => `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;

/** proxy.ts's matcher as Next.js compiles it: everything but `/`, Next.js internals and static files. */
const proxyMatchers = [
  {
    sourceRegex:
      String.raw`^(?:\/(_next\/data\/[^/]{1,}))?` +
      String.raw`(?:\/((?!_next|[^?]*\.(?:css|js(?!on)|png|svg|ico|txt)).+))(\.json)?[\/#\?]?$`,
  },
  { sourceRegex: String.raw`^(?:\/(_next\/data\/[^/]{1,}))?\/(api|trpc)(.*)(\.json)?[\/#\?]?$` },
];

const staticPrerender = (pathname: string, filePath: string) => ({
  pathname,
  routeType: "page" as const,
  response: "complete" as const,
  compute: "static" as const,
  fallback: { filePath, postponedState: undefined },
});

describe("inlineScriptHashes", () => {
  it("hashes every inline script exactly as the browser does, once each, and skips external scripts and data", () => {
    const flight = 'self.__next_f.push([1,"a\\u003cb"])';
    const html = [
      "<!DOCTYPE html><html><head>",
      '<script src="/_next/static/chunks/main.js" async=""></script>',
      `<script>${flight}</script>`,
      '<script type="application/ld+json">{"@type":"WebSite"}</script>',
      '<script type="module">import "/x.js"</script>',
      '<script id="_R_">\n  (self.__next_s=self.__next_s||[]).push(0)\n</script>',
      `<script>${flight}</script>`,
      "</head><body></body></html>",
    ].join("");
    expect(inlineScriptHashes(html)).toEqual([
      sha256(flight),
      sha256('import "/x.js"'),
      sha256("\n  (self.__next_s=self.__next_s||[]).push(0)\n"),
    ]);
  });

  it("hashes an empty inline script too, since the browser checks it", () => {
    expect(inlineScriptHashes("<script></script>")).toEqual([sha256("")]);
  });
});

describe("inlineEventHandlers", () => {
  it("finds handler attributes in markup, not in scripts or text", () => {
    const html =
      '<img src="/a.png" onerror="steal()"><p>Pay once = done</p><script>el.onclick = go</script>' +
      '<body onload="x()">';
    expect(inlineEventHandlers(html)).toEqual(["onerror", "onload"]);
    expect(inlineEventHandlers('<a href="/tasks" data-once="1">Tasks</a>')).toEqual([]);
  });
});

describe("planStaticPages", () => {
  const pages = (...pathnames: string[]) => pathnames.map((pathname) => ({ pathname }));
  const plan = (build: Partial<BuildPages>) =>
    planStaticPages({ appPages: [], prerenders: [], proxyMatchers, ...build });

  it("gives the hash policy to prerendered pages outside the proxy, and leaves per-request pages to it", () => {
    expect(
      plan({
        appPages: pages("/", "/index.rsc", "/tasks", "/tasks.rsc", "/_not-found", "/_global-error"),
        prerenders: [staticPrerender("/", "/dist/index.html"), staticPrerender("/_global-error", "/dist/e.html")],
      }),
    ).toEqual({ staticPages: [{ pathname: "/", htmlPath: "/dist/index.html" }], problems: [] });
  });

  it("refuses a prerendered page inside the proxy, whose scripts could not carry the nonce", () => {
    const { problems } = plan({ appPages: pages("/about"), prerenders: [staticPrerender("/about", "/d/about.html")] });
    expect(problems).toEqual([expect.stringMatching(/^\/about is prerendered, but the proxy serves it/)]);
  });

  it("refuses a prerendered not-found page, which every unknown URL gets through the proxy", () => {
    const { problems } = plan({
      appPages: pages("/_not-found"),
      prerenders: [staticPrerender("/_not-found", "/d/_not-found.html")],
    });
    expect(problems).toEqual([expect.stringMatching(/^\/_not-found is prerendered/)]);
  });

  it("refuses a per-request page outside the proxy, which would have no policy at all", () => {
    expect(plan({ appPages: pages("/") }).problems).toEqual([
      expect.stringMatching(/^\/ is rendered per request outside the proxy/),
    ]);
  });

  it("does not count a partial or postponed prerender as static", () => {
    const partial = { ...staticPrerender("/", "/d/index.html"), response: "initial" as const };
    expect(plan({ appPages: pages("/"), prerenders: [partial] }).problems).toHaveLength(1);
  });
});

describe("recordStaticPagePolicies", () => {
  const dist = mkdtempSync(path.join(tmpdir(), "taskpilot-static-csp-"));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  const config: CspConfig = {
    NODE_ENV: "production",
    APP_URL: "https://app.example.com",
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_live_${Buffer.from("clerk.example.com$").toString("base64")}`,
  };
  const routing = { middlewareMatchers: proxyMatchers } as Parameters<typeof recordStaticPagePolicies>[0]["routing"];

  function prerenderedPage(name: string, html: string) {
    const htmlPath = path.join(dist, `${name}.html`);
    writeFileSync(htmlPath, html);
    writeFileSync(
      path.join(dist, `${name}.meta`),
      JSON.stringify({ status: 200, headers: { "x-nextjs-prerender": "1" } }),
    );
    return htmlPath;
  }

  const outputsFor = (pathname: string, htmlPath: string) =>
    ({
      appPages: [{ pathname }],
      prerenders: [staticPrerender(pathname, htmlPath)],
    }) as unknown as Parameters<typeof recordStaticPagePolicies>[0]["outputs"];

  it("records the page's hash policy in its prerender metadata, beside Next.js's own headers", async () => {
    const htmlPath = prerenderedPage("index", "<html><head><script>self.__next_f=[]</script></head></html>");
    await recordStaticPagePolicies({ outputs: outputsFor("/", htmlPath), routing }, config);
    const meta = JSON.parse(readFileSync(path.join(dist, "index.meta"), "utf8"));
    expect(meta.status).toBe(200);
    expect(meta.headers["x-nextjs-prerender"]).toBe("1");
    expect(meta.headers["content-security-policy"]).toContain(`script-src '${sha256("self.__next_f=[]")}' 'self'`);
    expect(meta.headers["reporting-endpoints"]).toBe('csp-endpoint="/api/csp-report"');
  });

  it("fails the build on HTML it cannot vouch for: no inline scripts, or inline event handlers", async () => {
    const bare = prerenderedPage("bare", "<html><body>no scripts</body></html>");
    await expect(recordStaticPagePolicies({ outputs: outputsFor("/", bare), routing }, config)).rejects.toThrow(
      /found no inline scripts in \/'s prerendered HTML/,
    );
    const handler = prerenderedPage("handler", '<script>a()</script><img src="x" onerror="b()">');
    await expect(recordStaticPagePolicies({ outputs: outputsFor("/", handler), routing }, config)).rejects.toThrow(
      /inline event handlers \(onerror\)/,
    );
  });

  it("fails the build, naming each page, when a page would be served broken or without a policy", async () => {
    const htmlPath = prerenderedPage("about", "<script>x()</script>");
    await expect(
      recordStaticPagePolicies({ outputs: outputsFor("/about", htmlPath), routing }, config),
    ).rejects.toThrow(/Content-Security-Policy:\n {2}- \/about is prerendered/);
    const meta = JSON.parse(readFileSync(path.join(dist, "about.meta"), "utf8"));
    expect(meta.headers["content-security-policy"]).toBeUndefined();
  });
});
