// Writing a backend's response to the client. A response of known, modest
// length is collected and written in one go: on a TLS connection every
// write is a record and a system call, and piping would write the headers,
// each body chunk and the end separately. Anything else (watches, other
// streams, large bodies) is piped through as it arrives, never buffered.

import type { IncomingMessage, ServerResponse } from "node:http";

/** Bodies up to this size (with a Content-Length) are written in one go. */
const COLLECT_UP_TO_BYTES = 1024 * 1024;

/** Headers about one connection, not the message (RFC 9110 §7.6.1): never passed on. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);

export function writeBackendResponse(backend: IncomingMessage, res: ServerResponse): void {
  res.statusCode = backend.statusCode ?? 502;
  if (backend.statusMessage) res.statusMessage = backend.statusMessage;
  const raw = backend.rawHeaders;
  const headers = new Map<string, { name: string; values: string[] }>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower)) continue;
    const entry = headers.get(lower);
    if (entry === undefined) headers.set(lower, { name, values: [raw[i + 1]!] });
    else entry.values.push(raw[i + 1]!);
  }
  for (const { name, values } of headers.values()) res.setHeader(name, values.length === 1 ? values[0]! : values);

  const length = Number(backend.headers["content-length"]);
  if (Number.isInteger(length) && length >= 0 && length <= COLLECT_UP_TO_BYTES) {
    const chunks: Buffer[] = [];
    backend.on("data", (chunk: Buffer) => chunks.push(chunk));
    backend.once("end", () => res.end(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    return;
  }
  // A stream: headers now, so the client sees a watch start at once; then each chunk as it comes.
  res.flushHeaders();
  backend.pipe(res);
}
