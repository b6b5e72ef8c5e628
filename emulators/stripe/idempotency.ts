/**
 * Stripe's idempotency: a POST with an `Idempotency-Key` that already ran replays the first answer (status,
 * body, errors included); the same key with other parameters or another endpoint is refused. Keys belong to
 * one API key and are forgotten after 24 hours. Requests that fail validation are not saved, as on Stripe.
 */

export interface SavedResponse {
  status: number;
  body: string;
  requestId: string;
}

interface Entry {
  endpoint: string;
  fingerprint: string;
  response: SavedResponse;
  savedAt: number;
}

export type IdempotencyLookup =
  | { kind: "new" }
  | { kind: "replay"; response: SavedResponse }
  | { kind: "mismatch"; reason: "endpoint" | "parameters"; firstEndpoint: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Key order must not matter when comparing parameters, so sort object keys before serialising. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private lastSweep = 0;

  constructor(
    private readonly ttlMs = DAY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  lookup(apiKey: string, key: string, endpoint: string, params: unknown): IdempotencyLookup {
    this.sweep();
    const entry = this.entries.get(this.scoped(apiKey, key));
    if (!entry || this.now() - entry.savedAt > this.ttlMs) return { kind: "new" };
    if (entry.endpoint !== endpoint) return { kind: "mismatch", reason: "endpoint", firstEndpoint: entry.endpoint };
    if (entry.fingerprint !== canonicalJson(params))
      return { kind: "mismatch", reason: "parameters", firstEndpoint: entry.endpoint };
    return { kind: "replay", response: entry.response };
  }

  save(apiKey: string, key: string, endpoint: string, params: unknown, response: SavedResponse): void {
    this.entries.set(this.scoped(apiKey, key), {
      endpoint,
      fingerprint: canonicalJson(params),
      response,
      savedAt: this.now(),
    });
  }

  clear(): void {
    this.entries.clear();
  }

  private scoped(apiKey: string, key: string): string {
    return `${apiKey}\u0000${key}`;
  }

  /** Drop expired keys at most once a minute, so memory stays bounded and lookups stay cheap. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, entry] of this.entries) if (now - entry.savedAt > this.ttlMs) this.entries.delete(key);
  }
}
