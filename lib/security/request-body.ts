import "server-only";

/**
 * The request body as text, or null as soon as more than `maxBytes` have arrived: a chunked body
 * without Content-Length is cut off while streaming instead of being buffered whole. Decoded as UTF-8
 * exactly as `request.text()` does, so signatures computed on the raw body still match.
 */
export async function readBodyUpTo(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
