import { describe, expect, it } from "vitest";
import { parseFormBody } from "./form-body";

describe("parseFormBody", () => {
  it("decodes Stripe's nested bracket keys and both array styles", () => {
    const body =
      "amount=1900&metadata[user_id]=u%201&automatic_payment_methods%5Benabled%5D=true" +
      "&expand[]=a&expand[]=b&items[1]=y&items[0]=x&note=a+b";
    expect(parseFormBody(body)).toEqual({
      amount: "1900",
      metadata: { user_id: "u 1" },
      automatic_payment_methods: { enabled: "true" },
      expand: ["a", "b"],
      items: ["x", "y"],
      note: "a b",
    });
  });

  it("treats __proto__ as plain data", () => {
    const parsed = parseFormBody("__proto__[polluted]=yes&metadata[__proto__]=x");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(parsed)).toEqual(["__proto__", "metadata"]);
  });

  it("keeps the last of repeated keys and nests Stripe.js's card params", () => {
    expect(
      parseFormBody("currency=usd&currency=eur&payment_method_data[type]=card&payment_method_data[card][number]=4242"),
    ).toEqual({ currency: "eur", payment_method_data: { type: "card", card: { number: "4242" } } });
  });
});
