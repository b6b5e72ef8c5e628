import { createHash } from "node:crypto";
import type { APIResponse, Page, Response } from "@playwright/test";
import { createUser, signInWithCookies } from "./support/clerk";
import { expect, test } from "./support/fixtures";
import { allEvents } from "./support/sentry";

/** A policy's directives by name, each with its sources. */
function directives(response: Response | APIResponse | null): Map<string, string[]> {
  const policy = response?.headers()["content-security-policy"];
  expect(policy, "a Content-Security-Policy header").toBeTruthy();
  expect(policy, "one policy, not two").not.toContain(",");
  return new Map(
    (policy as string).split(";").map((directive) => {
      const [name = "", ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

/** The contents of the document's inline scripts (no src), as the browser hashes them. */
const inlineScripts = (html: string) =>
  [...html.matchAll(/<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(([, content = ""]) => content);
const sha256 = (content: string) => `'sha256-${createHash("sha256").update(content).digest("base64")}'`;
const nonceOf = (scriptSrc: string[] | undefined) => scriptSrc?.find((source) => source.startsWith("'nonce-"));
/** React has hydrated the page's heading, so the page's scripts ran. */
const hydrated = (page: Page) =>
  page.evaluate(() => Object.keys(document.querySelector("h1") ?? {}).some((key) => key.startsWith("__reactFiber")));

function expectCommonDirectives(policy: Map<string, string[]>) {
  expect(policy.get("default-src")).toEqual(["'self'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'self'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("form-action")).toEqual(["'self'"]);
  expect(policy.get("report-uri")).toEqual(["/api/csp-report"]);
  // The e2e app is served over plain http, where Chromium ignores Reporting-Endpoints: report-uri only.
  expect(policy.has("report-to")).toBe(false);
  expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
}

test("the static landing page allows exactly its own inline scripts, by hash, and runs them", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.headers()["x-nextjs-prerender"]).toMatch(/^1\b/);
  const policy = directives(response);
  expectCommonDirectives(policy);
  const scriptSrc = policy.get("script-src") ?? [];
  expect(nonceOf(scriptSrc)).toBeUndefined();
  expect(scriptSrc).not.toContain("'strict-dynamic'");

  const scripts = inlineScripts(await (response as Response).text());
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(scriptSrc, script.slice(0, 80)).toContain(sha256(script));
  await expect.poll(() => hydrated(page)).toBe(true);
});

test("from the landing page, a signed-in visitor moves to /tasks in place under the landing page's policy", async ({
  page,
  context,
  baseURL,
}) => {
  await signInWithCookies(context, baseURL as string, (await createUser("Stella", "Static")).id);
  await page.goto("/");
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await page.getByRole("link", { name: "Open your tasks" }).click();
  await expect(page).toHaveURL("/tasks");
  await expect(page.getByRole("button", { name: /open user menu/i })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});

test("signed-in pages get a fresh nonce on every response, and every script carries it", async ({
  page,
  context,
  baseURL,
}) => {
  await signInWithCookies(context, baseURL as string, (await createUser("Nora", "Nonce")).id);
  const nonces = new Set<string>();
  for (const path of ["/tasks", "/tasks", "/billing"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const policy = directives(response);
    expectCommonDirectives(policy);
    const scriptSrc = policy.get("script-src") ?? [];
    expect(scriptSrc).toContain("'strict-dynamic'");
    expect(scriptSrc.filter((source) => source.startsWith("'sha256-"))).toEqual([]);
    const nonce = nonceOf(scriptSrc)?.slice("'nonce-".length, -1) as string;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    nonces.add(nonce);
    const tags = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(3);

  await page.goto("/tasks");
  await expect(page.getByRole("button", { name: /open user menu/i })).toBeVisible();
});

test("an unknown address renders the not-found page per request, under a nonce its scripts carry", async ({
  page,
  context,
  baseURL,
}) => {
  await signInWithCookies(context, baseURL as string, (await createUser("Lost")).id);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  const nonce = nonceOf(directives(response).get("script-src"));
  expect(nonce).toBeDefined();
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect.poll(() => hydrated(page)).toBe(true);
  await page.getByRole("link", { name: "Back to the start" }).click();
  await expect(page).toHaveURL("/");
});

/** The CSP violations Sentry holds for an inline script blocked on the page at `documentUrl`. */
async function reportsOfInjectedScript(documentUrl: string): Promise<number> {
  return (await allEvents()).filter(({ message, event }) => {
    const csp = (event.contexts as { csp?: Record<string, unknown> } | undefined)?.csp;
    return message === "CSP violation: script-src-elem" && csp?.blocked === "inline" && csp.documentUrl === documentUrl;
  }).length;
}

test.describe("an injected script", () => {
  test.use({ allowCspViolations: true });

  test("an inline script without the nonce does not run, and the browser's report reaches Sentry", async ({
    page,
    context,
    baseURL,
    cspViolations,
  }) => {
    await signInWithCookies(context, baseURL as string, (await createUser("Ivy", "Injected")).id);
    const marker = `injected-${Date.now()}`;
    const reportsBefore = await reportsOfInjectedScript(`${baseURL}/tasks`);
    // As if the page had rendered attacker-controlled markup: the script is in the served HTML itself.
    await page.route("**/tasks", async (route) => {
      if (route.request().resourceType() !== "document") return route.fallback();
      const response = await route.fetch();
      const html = (await response.text()).replace("</head>", `<script>window.injected = "${marker}"</script></head>`);
      await route.fulfill({ response, body: html });
    });

    await page.goto("/tasks");
    await expect(page.getByRole("button", { name: /open user menu/i })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { injected?: string }).injected)).toBeUndefined();
    expect(cspViolations).toEqual([
      expect.objectContaining({ effectiveDirective: "script-src-elem", blockedURI: "inline" }),
    ]);

    await expect
      .poll(() => reportsOfInjectedScript(`${baseURL}/tasks`), { timeout: 20_000 })
      .toBeGreaterThan(reportsBefore);
  });
});
