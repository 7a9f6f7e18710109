// Reading a request body, bounded (upstream: limitedReadBody with the
// server's MaxRequestBodyBytes, 3 MiB by default).

import type { IncomingMessage } from "node:http";
import { newRequestEntityTooLarge } from "@tskube/apimachinery";

export const DEFAULT_MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/**
 * The whole body. Throws 413 RequestEntityTooLarge past `limit` bytes. The
 * router reads bodies itself: no body-parsing middleware may run before it
 * (a Buffer left in `req.body` by a raw parser is accepted).
 */
export async function readBody(req: IncomingMessage & { body?: unknown }, limit = DEFAULT_MAX_REQUEST_BODY_BYTES): Promise<Buffer> {
  const tooLarge = () => newRequestEntityTooLarge(`limit is ${limit}`);
  if (Buffer.isBuffer(req.body)) {
    if (req.body.length > limit) throw tooLarge();
    return req.body;
  }
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > limit) throw tooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
