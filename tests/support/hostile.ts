import fc from "fast-check";

/*
 * Generators for what an attacker can put in an HTTP request: header values, bodies, JSON of the wrong
 * shape, unicode edge cases and injection strings. Shared by the property tests of the route handlers
 * and Server Actions.
 */

export const injection = fc.constantFrom(
  "'; drop table users; --",
  "1' or '1'='1",
  "$1",
  "::uuid",
  "%00",
  "\\x00",
  "<script>alert(1)</script>",
  "${7*7}",
  "{{constructor.constructor('return process')()}}",
  "../../etc/passwd",
  "__proto__",
  '{"__proto__":{"admin":true}}',
  "user_' || pg_sleep(5) --",
);

/** Strings that trip up decoders and databases: lone surrogates, NUL, BOM, right-to-left marks, emoji. */
export const unicodeEdge = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({
    unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
    minLength: 1,
    maxLength: 3,
  }),
  fc.constantFrom("\u0000", "\uFEFF", "\u202Eevil", "\uFFFF", "𝕋𝕒𝕤𝕜", "👩‍👩‍👧‍👦", "e\u0301", "\r\n\r\n"),
);

export const hostileText = fc.oneof(fc.string(), unicodeEdge, injection);

/** Values a Headers object accepts (Latin-1 without CR, LF or NUL), hostile ones among them. */
const headerSafe = (value: string) => value.replace(/[^\x20-\x7e\x80-\xff\t]/g, "");
export const headerValue = fc.oneof(
  fc.string({ maxLength: 60 }).map(headerSafe),
  injection.map(headerSafe),
  fc.constantFrom("", " ", "null", "undefined", "0", "-1", "1e309", "NaN", "Bearer", "Bearer ", "\t"),
  fc.integer({ min: 1_000, max: 8_000 }).map((length) => "A".repeat(length)),
);

/** X-Forwarded-For as clients forge it: addresses, lists, garbage. */
export const forwardedFor = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.array(fc.oneof(fc.ipV4(), fc.ipV6(), headerValue), { minLength: 2, maxLength: 6 }).map((list) => list.join(", ")),
  headerValue,
);

/** JSON of any shape, including deep and prototype-polluting objects. */
export const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(hostileText, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  fc.constant({ __proto__: { admin: true } }),
  fc.constant({ constructor: { prototype: { admin: true } } }),
);

/** What a request body can be: nothing, malformed or wrong-shaped JSON, binary junk, or something large. */
export const hostileBody = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: hostileJson.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("{", '{"a":', "[1,2", "nul", '{"a":1}{"b":2}', "\uFEFF{}", '"\\ud800"', "1".repeat(400)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(1_025, 20_000, 65_537, 200_000), fc.constantFrom("a", "{", "é"))
      .map(([length, unit]) => unit.repeat(length)),
  },
);

export type Body = string | Uint8Array | undefined;

/** Headers built from generated pairs; a pair that Headers itself refuses is dropped, as a client's stack would. */
export function headersOf(pairs: [string, string][]): Headers {
  const headers = new Headers();
  for (const [name, value] of pairs) {
    try {
      headers.append(name, value);
    } catch {
      // Not sendable over HTTP at all.
    }
  }
  return headers;
}

/** Header names worth forging on any route, each with a hostile value. */
export const hostileHeaderPairs = fc.array(
  fc.tuple(
    fc.constantFrom(
      "x-forwarded-for",
      "x-forwarded-host",
      "x-request-id",
      "content-type",
      "content-length",
      "cookie",
      "authorization",
      "origin",
      "host",
      "stripe-signature",
      "svix-id",
      "svix-timestamp",
      "svix-signature",
      "accept",
      "user-agent",
    ),
    headerValue,
  ),
  { maxLength: 6 },
);
