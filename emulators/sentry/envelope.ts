import { z } from "zod";

/**
 * Parser for Sentry's envelope format: a JSON header line, then pairs of item-header line and
 * payload. An item header with `length` says how many payload bytes follow (the payload may hold
 * newlines or binary data); without it the payload runs to the next newline. Work on bytes, never
 * on a decoded string, so `length` counts what the SDK counted (UTF-8 bytes) and binary payloads
 * such as replay recordings survive.
 */

const NEWLINE = 0x0a;

const envelopeHeaderSchema = z.looseObject({
  event_id: z.string().optional(),
  sent_at: z.string().optional(),
  sdk: z.looseObject({ name: z.string().optional(), version: z.string().optional() }).optional(),
});

const itemHeaderSchema = z.looseObject({
  type: z.string().min(1),
  length: z.number().int().nonnegative().optional(),
  content_type: z.string().optional(),
});

export type EnvelopeHeader = z.infer<typeof envelopeHeaderSchema>;
export type ItemHeader = z.infer<typeof itemHeaderSchema>;

export interface EnvelopeItem {
  header: ItemHeader;
  payload: Buffer;
}

export interface Envelope {
  header: EnvelopeHeader;
  items: EnvelopeItem[];
}

/** Thrown for any input that is not a well-formed envelope; the ingest answers 400 with its message. */
export class EnvelopeError extends Error {}

export function parseEnvelope(body: Buffer): Envelope {
  const headerLine = readLine(body, 0);
  const header = parseJsonLine(body.subarray(0, headerLine.end), envelopeHeaderSchema, "envelope header");
  const items: EnvelopeItem[] = [];
  let offset = headerLine.next;

  while (offset < body.length) {
    // A trailing newline (or stray blank lines) after the last item is common and harmless.
    if (isBlank(body.subarray(offset))) break;
    const itemLine = readLine(body, offset);
    const itemHeader = parseJsonLine(body.subarray(offset, itemLine.end), itemHeaderSchema, "item header");
    offset = itemLine.next;

    if (itemHeader.length !== undefined) {
      const end = offset + itemHeader.length;
      if (end > body.length) throw new EnvelopeError(`item payload is shorter than its length ${itemHeader.length}`);
      items.push({ header: itemHeader, payload: body.subarray(offset, end) });
      // The newline after a length-delimited payload is optional.
      offset = body[end] === NEWLINE ? end + 1 : end;
    } else {
      const payloadLine = readLine(body, offset);
      items.push({ header: itemHeader, payload: body.subarray(offset, payloadLine.end) });
      offset = payloadLine.next;
    }
  }

  return { header, items };
}

/** Parses a JSON item payload, turning syntax errors into EnvelopeError. */
export function parseJsonPayload(item: EnvelopeItem): unknown {
  try {
    return JSON.parse(item.payload.toString("utf8"));
  } catch {
    throw new EnvelopeError(`item of type ${item.header.type} is not valid JSON`);
  }
}

function readLine(body: Buffer, start: number): { end: number; next: number } {
  const newline = body.indexOf(NEWLINE, start);
  return newline === -1 ? { end: body.length, next: body.length } : { end: newline, next: newline + 1 };
}

function isBlank(bytes: Buffer): boolean {
  return bytes.every((byte) => byte === NEWLINE || byte === 0x0d || byte === 0x20 || byte === 0x09);
}

function parseJsonLine<T extends z.ZodType>(line: Buffer, schema: T, what: string): z.infer<T> {
  let value: unknown;
  try {
    value = JSON.parse(line.toString("utf8"));
  } catch {
    throw new EnvelopeError(`${what} is not valid JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new EnvelopeError(`${what} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
