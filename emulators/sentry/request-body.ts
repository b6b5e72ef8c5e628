import type { IncomingMessage } from "node:http";
import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate } from "node:zlib";

/** Sentry accepts envelopes far larger than this, but a local test stack never needs more. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** A request the emulator refuses; `status` is the HTTP answer. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

const decoders = {
  gzip: promisify(gunzip),
  "x-gzip": promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, "request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Undoes Content-Encoding; the output cap keeps a small "zip bomb" from filling memory. */
export async function decodeBody(body: Buffer, contentEncoding: string | undefined): Promise<Buffer> {
  const encoding = (contentEncoding ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return body;
  if (!(encoding in decoders)) throw new BodyError(415, `unsupported content-encoding ${encoding}`);
  try {
    return await decoders[encoding as keyof typeof decoders](body, { maxOutputLength: MAX_BODY_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw new BodyError(413, "decompressed body too large");
    throw new BodyError(400, `body is not valid ${encoding}`);
  }
}
