/**
 * Splits a search box query so the last word can match as a prefix ("repo" finds "report") while the
 * rest keeps web-search syntax (quotes, `or`, `-word`). The prefix is letters and digits only, so it
 * is safe to hand to to_tsquery; it is null when the query ends in a space, a quote or an operator.
 * `either` says the prefix was joined by `or` ("invoice or aud") rather than and.
 */
export function splitSearch(query: string): { words: string; prefix: string | null; either: boolean } {
  const match = /(^|\s)([\p{L}\p{N}]+)$/u.exec(query);
  if (!match || countQuotes(query) % 2 === 1) return { words: query.trim(), prefix: null, either: false };
  const prefix = match[2] as string;
  const rest = query.slice(0, query.length - prefix.length).trim();
  const either = /(^|\s)or$/i.test(rest) && rest.length > 2;
  return { words: either ? rest.slice(0, -2).trim() : rest, prefix, either };
}

const countQuotes = (text: string) => text.split('"').length - 1;
