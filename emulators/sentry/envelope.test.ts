import { describe, expect, it } from "vitest";
import { EnvelopeError, parseEnvelope, parseJsonPayload } from "./envelope";
import { envelope } from "./test-helpers";

describe("parseEnvelope", () => {
  it("reads items with an explicit length, whose payload may contain newlines and binary bytes", () => {
    const binary = Buffer.from([0x7b, 0x0a, 0xff, 0x00, 0x0a, 0xfe]);
    const body = envelope({ event_id: "e1" }, [
      [{ type: "attachment", filename: "a.bin" }, binary],
      [{ type: "event" }, '{"message":"line one\\nline two","text":"café ✓"}'],
    ]);

    const parsed = parseEnvelope(body);

    expect(parsed.header.event_id).toBe("e1");
    expect(parsed.items.map((item) => item.header.type)).toEqual(["attachment", "event"]);
    expect(parsed.items[0]?.payload.equals(binary)).toBe(true);
    expect(parseJsonPayload(parsed.items[1]!)).toEqual({ message: "line one\nline two", text: "café ✓" });
  });

  it("reads items without length up to the next newline, with or without a final newline", () => {
    const body = envelope(
      {},
      [
        [{ type: "session" }, { sid: "s" }],
        [{ type: "client_report" }, { discarded_events: [] }],
      ],
      {
        withLength: false,
      },
    );

    for (const input of [body, body.subarray(0, body.length - 1)]) {
      const parsed = parseEnvelope(input);
      expect(parsed.items.map((item) => parseJsonPayload(item))).toEqual([{ sid: "s" }, { discarded_events: [] }]);
    }
  });

  it("accepts a length-delimited payload with no newline after it", () => {
    const parsed = parseEnvelope(Buffer.from('{}\n{"type":"event","length":2}\n{}{"type":"session"}\n{"sid":"x"}'));
    expect(parsed.items.map((item) => item.payload.toString())).toEqual(["{}", '{"sid":"x"}']);
  });

  it("accepts an envelope with a header and no items", () => {
    expect(parseEnvelope(Buffer.from('{"sent_at":"2026-11-25T00:00:00Z"}\n')).items).toEqual([]);
  });

  it.each([
    ["an empty body", ""],
    ["a header that is not JSON", "not json\n"],
    ["a header that is not an object", "[1,2]\n"],
    ["an item header without type", '{}\n{"length":2}\n{}'],
    ["an item header that is not JSON", "{}\n{oops\n{}"],
    ["a length beyond the body", '{}\n{"type":"event","length":99}\n{}'],
    ["a negative length", '{}\n{"type":"event","length":-1}\n{}'],
  ])("rejects %s", (_, text) => {
    expect(() => parseEnvelope(Buffer.from(text))).toThrow(EnvelopeError);
  });
});
