// Request body size limit (upstream: the 3 MiB limit the REST handlers read
// bodies with, --max-request-body-bytes). Larger bodies get 413.
//
// The filter does not read the body itself; handlers read it as a stream as
// usual. It enforces the limit in the two ways a body can arrive:
//
// - with a Content-Length header (what kubectl and every client library
//   send): refused at once when too large, before anything reads it;
// - chunked, length unknown: counted as the bytes come in; when the count
//   passes the limit, the client gets the 413 and the reader gets an early end.
//
// With a Content-Length, the rest of the body is read and thrown away, so the
// client, which is still sending, can read the answer and reuse the
// connection; a client that keeps sending far beyond the limit is
// disconnected. A chunked body is cut short, which Node treats as an aborted
// request: its connection is closed once the answer is written, and the
// answer says so (`Connection: close`, as Go's server does) so that a
// keep-alive client does not send its next request into a closing socket.

import type { IncomingMessage, ServerResponse } from "node:http";
import type { Handler } from "../server/handler-sequence.js";
import { newRequestEntityTooLarge } from "@tskube/apimachinery";
import { requestContext } from "../request/context.js";
import type { LongRunningCheck } from "./long-running.js";
import { writeStatusError } from "./write-status.js";

export interface BodyLimitOptions {
  maxBodyBytes: number;
  /** Streams such as exec and proxy carry data for as long as they last; they are not limited. */
  isLongRunning: LongRunningCheck;
}

/** How much of a refused body is read and discarded, as a multiple of the limit, before the connection is dropped. */
const DISCARD_ALLOWANCE = 4;

export function withBodyLimit(opts: BodyLimitOptions): Handler {
  const max = opts.maxBodyBytes;
  return (req, res, next) => {
    if (opts.isLongRunning(requestContext(req).requestInfo)) {
      next();
      return;
    }
    const declared = req.headers["content-length"];
    if (declared !== undefined) {
      if (Number(declared) > max) {
        discardBody(req, DISCARD_ALLOWANCE * max);
        refuse(res, max);
        return;
      }
    } else if (req.headers["transfer-encoding"] !== undefined) {
      limitChunkedBody(req, res, max);
    }
    next();
  };
}

function refuse(res: ServerResponse, max: number): void {
  if (!res.headersSent) writeStatusError(res, newRequestEntityTooLarge(`limit is ${max}`));
}

/** Reads the rest of the body into nothing; past `allowance` more bytes, drops the connection. */
function discardBody(req: IncomingMessage, allowance: number): void {
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > allowance) req.socket.destroy();
  });
  req.resume();
}

/**
 * Counts the bytes of a chunked body as Node's HTTP parser hands them to the
 * request stream (it calls `push` for each chunk; this wraps that one
 * method on this one request). Past the limit, the reader's stream ends
 * early and the rest is discarded.
 */
function limitChunkedBody(req: IncomingMessage, res: ServerResponse, max: number): void {
  const push = req.push.bind(req);
  // Some of the body may have arrived while earlier filters ran.
  let received = req.readableLength;
  let exceeded = false;
  req.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
    if (chunk === null) return exceeded ? false : push(null);
    if (exceeded) {
      received += byteLength(chunk);
      if (received > DISCARD_ALLOWANCE * max) req.socket.destroy();
      return true; // keep the parser reading, into nothing
    }
    received += byteLength(chunk);
    if (received <= max) return push(chunk, encoding);
    exceeded = true;
    if (!res.headersSent) res.setHeader("Connection", "close");
    refuse(res, max);
    push(null);
    return true;
  };
}

function byteLength(chunk: unknown): number {
  return Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? chunk.length : Buffer.byteLength(String(chunk));
}
