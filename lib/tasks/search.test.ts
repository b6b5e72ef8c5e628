import { describe, expect, it } from "vitest";
import { splitSearch } from "./search";

describe("splitSearch", () => {
  it("takes the last plain word as a prefix", () => {
    expect(splitSearch("quarterly repo")).toEqual({ words: "quarterly", prefix: "repo", either: false });
    expect(splitSearch("café")).toEqual({ words: "", prefix: "café", either: false });
    expect(splitSearch("invoice or aud")).toEqual({ words: "invoice", prefix: "aud", either: true });
  });

  it("leaves phrases, negations, trailing spaces and operators to web-search syntax", () => {
    for (const query of ['"quarterly repo', '"quarterly report"', "report -draft", "report ", "report:*", "a & b!"]) {
      expect(splitSearch(query)).toEqual({ words: query.trim(), prefix: null, either: false });
    }
  });
});
