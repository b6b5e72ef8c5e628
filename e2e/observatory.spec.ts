import { createUser, mintSession } from "./support/clerk";
import { expect, test } from "./support/fixtures";
import { observatoryScan, withSessionCookies, type ObservatoryScan } from "./support/observatory";

/** Plain-http localhost cannot redirect to https or send HSTS; every other test must pass. */
const needTls = ["redirection", "strict-transport-security"];

function expectEveryTestButTlsPasses(result: ObservatoryScan) {
  const failing = Object.entries(result.tests)
    .filter(([, outcome]) => !outcome.pass)
    .map(([name, outcome]) => `${name}: ${outcome.result}`);
  expect(failing.map((line) => line.split(":")[0]).sort()).toEqual(needTls);
  expect(result.tests["content-security-policy"]?.result).toBe("csp-implemented-with-unsafe-inline-in-style-src-only");
  test.info().annotations.push({
    type: "MDN HTTP Observatory",
    description: `${result.scan.grade}, ${result.scan.score}/100; failing: ${failing.join(", ")}`,
  });
}

test.describe("the MDN HTTP Observatory", () => {
  test.setTimeout(120_000);

  test("the landing page passes every test that does not need TLS", async ({ baseURL }) => {
    const result = await observatoryScan(new URL(baseURL as string).host);
    expect(result.scan.statusCode).toBe(200);
    expect(result.scan.responseHeaders["content-security-policy"]).toContain("'sha256-");
    expectEveryTestButTlsPasses(result);
  });

  test("signed-in /tasks passes every test that does not need TLS", async ({ baseURL }) => {
    const { cookies } = await mintSession((await createUser("Otto", "Observatory")).id, "valid", 600);
    const result = await withSessionCookies(baseURL as string, cookies, (host) => observatoryScan(`${host}/tasks`));
    // Scanned signed in: /tasks itself answered, with no detour to sign-in.
    expect(result.tests.redirection?.route).toHaveLength(1);
    expect(result.tests.redirection?.route?.[0]).toMatch(/\/tasks$/);
    expect(result.scan.statusCode).toBe(200);
    expect(result.scan.responseHeaders["content-security-policy"]).toContain("'nonce-");
    expectEveryTestButTlsPasses(result);
  });
});
