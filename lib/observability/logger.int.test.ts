import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/observability/logger";
import { requestContext } from "./request-context";

const secrets = {
  stripeKey: "sk_test_51Habcdefghijklmnop",
  webhookSecret: "whsec_abcdef123456",
  jwt: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl",
  email: "ada@example.com",
  card: "4242424242424242",
  clientSecret: "pi_3Ab_secret_Zz9",
};

function memorySink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => lines.join("") };
}

describe("log redaction", () => {
  it("never writes secrets, tokens, emails or card numbers, and tags lines with the request", () => {
    const sink = memorySink();
    const logger = createLogger(sink.stream);
    logger.level = "info";
    requestContext.run({ requestId: "req-12345678", route: "/api/test", userId: "user_1" }, () => {
      logger.info(
        {
          email: secrets.email,
          headers: { authorization: `Bearer ${secrets.jwt}`, cookie: `__session=${secrets.jwt}` },
          stripe: { key: secrets.stripeKey },
        },
        `charging ${secrets.card} for ${secrets.email}`,
      );
      logger.warn(
        { err: `webhook failed with ${secrets.webhookSecret} and ${secrets.clientSecret}` },
        "webhook failed",
      );
    });
    const written = sink.text();
    expect(written).toContain('"requestId":"req-12345678"');
    expect(written).toContain('"route":"/api/test"');
    expect(written).toContain('"userId":"user_1"');
    expect(written.split("\n").filter(Boolean)).toHaveLength(2);
    for (const secret of Object.values(secrets)) expect(written).not.toContain(secret);
  });
});
