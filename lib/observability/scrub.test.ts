import { describe, expect, it } from "vitest";
import { scrubString, scrubValue } from "./scrub";
import { scrubSentryEvent, scrubSentrySpan } from "./sentry-scrub";

const secrets = {
  jwt: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEifQ.c2lnbmF0dXJlLXZhbHVl",
  stripeKey: "sk_test_51Habcdefghijklmnop",
  webhookSecret: "whsec_abc123XYZ+/=",
  clientSecret: "pi_3Abc_secret_xyz789",
  email: "ada.lovelace@example.com",
  card: "4242 4242 4242 4242",
  cardPlain: "4000000000009995",
};

describe("scrubString", () => {
  it.each(Object.entries(secrets))("removes a %s", (_, secret) => {
    const scrubbed = scrubString(`before ${secret} after`);
    expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toMatch(/^before \[[\w-]+\] after$/);
  });

  it("keeps ordinary numbers, ids and text", () => {
    const text = "order 1234567890123 for user_2abc took 42 ms (pi_3Abc)";
    expect(scrubString(text)).toBe(text);
  });

  it("removes bearer tokens", () => {
    expect(scrubString("Authorization: Bearer abc.def-ghi")).toBe("Authorization: Bearer [redacted]");
  });
});

describe("scrubValue", () => {
  it("redacts sensitive keys at any depth and scrubs other strings", () => {
    const input = {
      user: { id: "user_1", email: "a@b.co" },
      headers: { cookie: "__session=x", "x-request-id": "r1" },
      note: `card ${secrets.card}`,
      list: [{ token: "t" }],
      ok: true,
      count: 3,
    };
    const output = scrubValue(input);
    expect(output).toEqual({
      user: { id: "user_1", email: "[redacted]" },
      headers: { cookie: "[redacted]", "x-request-id": "r1" },
      note: "card [card]",
      list: [{ token: "[redacted]" }],
      ok: true,
      count: 3,
    });
    expect(JSON.stringify(output)).not.toMatch(/a@b\.co|__session|4242/);
  });
});

describe("Sentry hooks", () => {
  it("beforeSend keeps only the user id and strips cookies, auth headers and webhook bodies", () => {
    const event = scrubSentryEvent({
      type: undefined,
      user: { id: "user_1", email: secrets.email, ip_address: "10.0.0.1" },
      request: {
        url: "http://localhost:3000/api/webhooks/stripe",
        cookies: { __session: secrets.jwt },
        headers: { authorization: `Bearer ${secrets.jwt}`, "stripe-signature": "t=1,v1=abc", "user-agent": "test" },
        data: JSON.stringify({ card: secrets.card }),
        query_string: `payment_intent_client_secret=${secrets.clientSecret}`,
      },
      exception: { values: [{ type: "Error", value: `failed for ${secrets.email} with ${secrets.stripeKey}` }] },
      breadcrumbs: [{ message: `fetch ${secrets.jwt}` }],
    });
    const serialized = JSON.stringify(event);
    for (const secret of Object.values(secrets)) expect(serialized).not.toContain(secret);
    expect(event.user).toEqual({ id: "user_1" });
    expect(event.request?.cookies).toBeUndefined();
    expect(event.request?.data).toBe("[webhook body removed]");
    expect(event.request?.headers?.["user-agent"]).toBe("test");
  });

  it("beforeSendSpan drops query parameters and scrubs attributes", () => {
    const span = scrubSentrySpan({
      span_id: "1",
      trace_id: "t",
      start_timestamp: 0,
      status: "ok",
      is_segment: false,
      name: `select * from users where email = '${secrets.email}'`,
      attributes: {
        "drizzle.query.params": JSON.stringify(["ada@example.com"]),
        "db.system": "postgresql",
        "http.url": `https://api/x?token=${secrets.jwt}`,
      },
    });
    expect(span.attributes).not.toHaveProperty("drizzle.query.params");
    expect(span.attributes["db.system"]).toBe("postgresql");
    expect(JSON.stringify(span)).not.toMatch(/ada@example\.com|eyJ/);
  });
});
