// How the filters answer: a Status object as JSON, with its code as the HTTP
// status. Clients (kubectl, client-go) read `reason` and `code` from the body.

import type { ServerResponse } from "node:http";
import type { Status, StatusError } from "@tskube/apimachinery";

export function writeStatus(res: ServerResponse, status: Status): void {
  const body = JSON.stringify(status);
  res.statusCode = status.code;
  res.setHeader("Content-Type", "application/json");
  // Errors must never be sniffed as HTML by a browser.
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}

export function writeStatusError(res: ServerResponse, err: StatusError): void {
  writeStatus(res, err.status);
}
