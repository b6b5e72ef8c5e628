import { promisify } from "node:util";
import { brotliDecompress, gunzip, inflate } from "node:zlib";
import { jsonError } from "../shared/json-errors";

/** Sentry accepts envelopes far larger than this, but a local test stack never needs more. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

const decoders = {
  gzip: promisify(gunzip),
  "x-gzip": promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/** Undoes Content-Encoding; the output cap keeps a small "zip bomb" from filling memory. */
export async function decodeBody(body: Buffer, contentEncoding: string | undefined): Promise<Buffer> {
  const encoding = (contentEncoding ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return body;
  if (!(encoding in decoders)) throw jsonError(415, { detail: `unsupported content-encoding ${encoding}` });
  try {
    return await decoders[encoding as keyof typeof decoders](body, { maxOutputLength: MAX_BODY_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw jsonError(413, { detail: "decompressed body too large" });
    throw jsonError(400, { detail: `body is not valid ${encoding}` });
  }
}
