// Request timeout (upstream: endpoints/filters/request_deadline.go and
// server/filters/timeout.go). A non-long-running request gets a deadline: the
// server's request timeout (60 s by default), or sooner if the client asks
// with `?timeout=` (a Go duration such as `30s`); a longer `?timeout=` is
// capped at the server's. When the deadline passes:
//
// - the request's signal is aborted, so handlers and storage calls can stop;
// - if nothing was written yet, the client gets 504 with a Timeout Status;
// - if the handler had started the response, the connection is broken, since
//   a response cut short must not look complete.
//
// Watches and other long-running requests are exempt; they end on their own
// terms (a watch's `timeoutSeconds`).

import type { ServerResponse } from "node:http";
import type { Handler } from "../server/handler-sequence.js";
import { newBadRequest, newTimeoutError } from "@tskube/apimachinery";
import { requestContext } from "../request/context.js";
import { parseGoDuration } from "@tskube/apimachinery";
import type { LongRunningCheck } from "./long-running.js";
import { queryParams } from "./query.js";
import { writeStatusError } from "./write-status.js";

export interface RequestTimeoutOptions {
  /** The longest a request may take, and the deadline when the client sets none. */
  requestTimeoutMs: number;
  isLongRunning: LongRunningCheck;
}

export function withRequestTimeout(opts: RequestTimeoutOptions): Handler {
  return (req, res, next) => {
    const ctx = requestContext(req);
    if (opts.isLongRunning(ctx.requestInfo)) {
      next();
      return;
    }

    let timeoutMs = opts.requestTimeoutMs;
    const requested = queryParams(req).get("timeout");
    if (requested !== null && requested !== "") {
      let requestedMs: number;
      try {
        requestedMs = parseGoDuration(requested);
      } catch (err) {
        writeStatusError(res, newBadRequest(`invalid timeout specified in the request URL - ${(err as Error).message}`));
        return;
      }
      // 0 (or less) means "no preference"; more than the server allows is capped.
      if (requestedMs > 0 && requestedMs < timeoutMs) timeoutMs = requestedMs;
    }

    const timer = setTimeout(() => {
      // Made only when needed: an error captures a stack trace, too costly for every request.
      const timeoutError = newTimeoutError("request did not complete within requested timeout - context deadline exceeded", 0);
      ctx.abort(timeoutError);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      writeStatusError(res, timeoutError);
      discardLateWrites(res);
    }, timeoutMs);
    res.once("close", () => clearTimeout(timer));
    next();
  };
}

/**
 * The handler may still try to answer after the 504 went out. Upstream hands
 * handlers a writer that drops such late writes; here this response's own
 * methods become no-ops, so a late `res.json()` neither throws nor corrupts
 * the connection.
 */
function discardLateWrites(res: ServerResponse): void {
  res.setHeader = (() => res) as ServerResponse["setHeader"];
  res.writeHead = (() => res) as ServerResponse["writeHead"];
  res.write = (() => true) as ServerResponse["write"];
  res.end = (() => res) as ServerResponse["end"];
}
