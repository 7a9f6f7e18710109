// Writing responses (upstream: handlers/response.go and responsewriters):
// objects in the negotiated format, errors as Status objects, and the
// warnings gathered during the request as `Warning` headers.

import type { IncomingMessage, ServerResponse } from "node:http";
import { type StatusError, isStatusError, newInternalError } from "@tskube/apimachinery";
import { stringify as yamlStringify } from "yaml";
import { type MediaTypeOptions, contentTypeOf, negotiateOutput } from "../negotiation.js";

/**
 * Whether to indent: `?pretty=true` (or `pretty=1` in the media type), and by
 * default for curl, wget and browsers, as upstream does.
 */
export function isPrettyRequested(req: IncomingMessage, query: URLSearchParams, media?: MediaTypeOptions): boolean {
  if (media?.pretty) return true;
  const pretty = query.get("pretty");
  // Go's strconv.ParseBool: anything it does not read as true is false.
  if (pretty !== null && pretty !== "") return ["1", "t", "T", "TRUE", "true", "True"].includes(pretty);
  const agent = req.headers["user-agent"] ?? "";
  return agent.startsWith("curl") || agent.startsWith("Wget") || agent.startsWith("Mozilla/5.0");
}

export function serialize(value: unknown, format: MediaTypeOptions["format"], pretty: boolean): string {
  if (format === "yaml") return yamlStringify(value);
  return pretty ? `${JSON.stringify(value, null, 2)}\n` : JSON.stringify(value);
}

/** `299 - "text"`, the text quoted with `\` and `"` escaped (RFC 7234 warning format). */
export function formatWarning(text: string): string {
  return `299 - "${text.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

/**
 * Sets one `Warning` header per distinct warning. Header values are bytes:
 * UTF-8 text is passed through byte for byte, as upstream sends it.
 */
export function setWarningHeaders(res: ServerResponse, warnings: readonly string[]): void {
  if (warnings.length === 0 || res.headersSent) return;
  const values = [...new Set(warnings)].map((w) => Buffer.from(formatWarning(w), "utf8").toString("latin1"));
  res.setHeader("Warning", values);
}

/** Writes a complete body with the usual headers. */
export function writeBody(res: ServerResponse, statusCode: number, contentType: string, body: string, warnings: readonly string[]): void {
  setWarningHeaders(res, warnings);
  res.statusCode = statusCode;
  res.setHeader("Content-Type", contentType);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}

/** Any error as the Status the client sees; errors that are not StatusErrors become 500s. */
export function toStatusError(err: unknown): StatusError {
  return isStatusError(err) ? err : newInternalError(err);
}

/**
 * Writes an error as a Status. The format follows the Accept header when it
 * names JSON or YAML, else JSON: a failed negotiation must not hide the error.
 */
export function writeError(
  req: IncomingMessage,
  res: ServerResponse,
  err: unknown,
  query: URLSearchParams,
  warnings: readonly string[] = [],
): void {
  const status = toStatusError(err).status;
  if (res.headersSent) {
    // A stream already started (a watch): nothing can be said any more.
    res.end();
    return;
  }
  let media: MediaTypeOptions = { format: "json", pretty: false };
  try {
    media = negotiateOutput(req.headers.accept, { allowTransforms: false, stream: false });
  } catch {
    // keep JSON
  }
  const body = serialize(status, media.format, isPrettyRequested(req, query, media));
  writeBody(res, status.code, contentTypeOf(media.format), body, warnings);
}
