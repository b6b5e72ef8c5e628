import { z } from "zod";
import { priorities } from "./fields";
import type { TaskSort } from "./list-view";

/**
 * Where the next page starts: the last row's sort key and id (the tie-break). Timestamps keep
 * PostgreSQL's microseconds, which a JavaScript Date would round away and so skip or repeat rows.
 */
const createdAt = z.iso.datetime({ precision: 6 }).regex(/^[1-9]/);
const cursorSchema = z.discriminatedUnion("sort", [
  z.object({ sort: z.literal("newest"), createdAt, id: z.uuid() }),
  z.object({
    sort: z.literal("due"),
    dueDate: z.iso
      .date()
      .regex(/^[1-9]/)
      .nullable(),
    id: z.uuid(),
  }),
  z.object({ sort: z.literal("priority"), priority: z.enum(priorities), createdAt, id: z.uuid() }),
]);
export type TaskCursor = z.infer<typeof cursorSchema>;

/** Opaque to the browser: base64url JSON. Nothing in it is secret; it is validated on the way back. */
export function encodeCursor(cursor: TaskCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

const maxEncodedLength = 512;

/** The cursor, or null when it is malformed, tampered with or made for another sort order. */
export function decodeCursor(encoded: string, sort: TaskSort): TaskCursor | null {
  if (encoded.length > maxEncodedLength || !/^[\w-]+$/.test(encoded)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = cursorSchema.safeParse(json);
  return parsed.success && parsed.data.sort === sort ? parsed.data : null;
}
