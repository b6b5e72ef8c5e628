import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { scriptPaths } from "../bench/lib/first-load-js";
import { createUser, signInWithCookies } from "./support/clerk";
import { allEvents, errorEvents, pageTraceId, pageTraceIdNow, waitForTrace, type TraceItem } from "./support/sentry";

const browserPageload = (item: TraceItem) => item.origin === "browser" && item.op === "pageload";
const serverSpan = (op: string) => (item: TraceItem) =>
  item.origin === "server" && item.kind === "span" && item.op === op;

/** A SQL span's whole statement: its name is cut at 120 characters, before a long select list ends. */
const statement = (item: TraceItem) => String(item.attributes["db.statement"] ?? item.name ?? "");

/** The paths of the scripts a page's HTML loads itself. */
async function firstLoadScripts(page: Page, path: string): Promise<Set<string>> {
  const html = await (await page.request.get(path)).text();
  return new Set(scriptPaths(html).map((script) => `/_next/${script}`));
}

let userName = "";
test.beforeEach(async ({ context, baseURL }) => {
  // An operator: the test-error test needs /status.
  const user = await createUser("Tracy", "Tracer", "operator");
  userName = user.name;
  await signInWithCookies(context, baseURL as string, user.id);
});

test("loading /tasks and creating a task: the browser pageload and the Server Action's SQL share one trace", async ({
  page,
}) => {
  await page.goto("/tasks");
  const traceId = await pageTraceId(page);
  const form = page.getByRole("region", { name: "Add a task" });
  await form.getByLabel("Title").fill("Traced task");
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(form.getByRole("status")).toHaveText("Task added.");

  const items = await waitForTrace(traceId, {
    "browser pageload": browserPageload,
    "SQL reading the tasks": (item) => serverSpan("db.query")(item) && /^select .* from "tasks"/i.test(statement(item)),
    "SQL inserting the task": (item) => serverSpan("db.query")(item) && /^insert into "tasks"/i.test(statement(item)),
  });
  // One span per statement: lib/observability/query-observer.ts's, not a second from Sentry's own
  // postgres.js instrumentation.
  expect(items.filter((item) => item.origin === "server" && item.op === "db").map((item) => item.name)).toEqual([]);
});

test("starting a payment: one trace from the click through the route handler to SQL and Stripe", async ({ page }) => {
  await page.goto("/billing");
  const traceId = await pageTraceId(page);
  await page.getByRole("button", { name: /Buy Pro/ }).click();
  await expect(page.getByLabel("Card number")).toBeVisible();

  // The click's fetch carries the page's trace to the server (the browser records no span of its own
  // once the pageload has ended), so the route handler's spans land in this same trace.
  const items = await waitForTrace(traceId, {
    "browser pageload": browserPageload,
    "the intent route handler": (item) => item.origin === "server" && /\/api\/payments\/intent/.test(item.name ?? ""),
    "database span": serverSpan("db.query"),
    "Stripe span": (item) => serverSpan("http.client.stripe")(item) && item.name === "stripe payment_intents.create",
  });
  // No person's data in what was sent: no name, no session token.
  const sent = JSON.stringify(items);
  expect(sent).not.toContain(userName);
  expect(sent).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
});

test("a server error on purpose arrives as an event carrying the click's trace", async ({ page }) => {
  await page.goto("/status");
  const traceId = await pageTraceId(page);
  await page.getByRole("button", { name: "Send a test error" }).click();
  await expect(page.getByText(/Test error sent/)).toBeVisible();

  await waitForTrace(traceId, {
    "browser pageload": browserPageload,
    "server error event": (item) =>
      item.kind === "error" && item.origin === "server" && /Taskpilot test error/.test(item.message ?? ""),
  });
  const [event] = await errorEvents(traceId);
  expect(JSON.stringify(event)).not.toMatch(/__session|__client_uat|eyJ[\w-]+\.[\w-]+\./);
});

test("an error thrown before the browser SDK has loaded is still sent, in the page's trace", async ({ page }) => {
  // The scripts the HTML loads itself run instrumentation-client.ts; every script requested later (the
  // lazily imported SDK among them) is held until the page has thrown, so the error surely comes first.
  const firstLoad = await firstLoadScripts(page, "/tasks");
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let lazyRequested = () => {};
  const laterScript = new Promise<void>((resolve) => (lazyRequested = resolve));
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    if (!firstLoad.has(new URL(route.request().url()).pathname)) {
      lazyRequested();
      await released;
    }
    await route.continue();
  });

  await page.goto("/tasks", { waitUntil: "commit" });
  await laterScript;
  const traceId = await pageTraceIdNow(page);
  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error("Taskpilot early browser error");
    });
  });
  release();

  await waitForTrace(traceId, {
    "browser error event": (item) =>
      item.kind === "error" && item.origin === "browser" && /Taskpilot early browser error/.test(item.message ?? ""),
  });
});

/** Scripts the page requested beyond those its HTML names: the lazily imported SDK among them. */
async function watchLazyScripts(page: Page, path: string): Promise<() => string[]> {
  const firstLoad = await firstLoadScripts(page, path);
  const lazy: string[] = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith("/_next/static/chunks/") && pathname.endsWith(".js") && !firstLoad.has(pathname))
      lazy.push(pathname);
  });
  return () => lazy;
}

test("the prerendered landing page loads the browser SDK only once an error needs it, and the error is sent", async ({
  page,
}) => {
  const lazyScripts = await watchLazyScripts(page, "/");
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  expect(lazyScripts()).toEqual([]);

  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error("Taskpilot landing page error");
    });
  });
  await expect
    .poll(async () => (await allEvents()).some((event) => /Taskpilot landing page error/.test(event.message ?? "")), {
      timeout: 30_000,
    })
    .toBe(true);
  expect(lazyScripts()).not.toEqual([]);
});

test("leaving the landing page for the app starts the browser SDK, which reports the navigation", async ({ page }) => {
  const lazyScripts = await watchLazyScripts(page, "/");
  const envelopes: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.endsWith("/envelope/")) envelopes.push(request.url());
  });
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  expect(lazyScripts()).toEqual([]);
  expect(envelopes).toEqual([]);

  await page.getByRole("link", { name: "Open your tasks" }).click();
  await expect(page).toHaveURL("/tasks");
  await expect.poll(() => envelopes.length, { timeout: 30_000 }).toBeGreaterThan(0);
});
