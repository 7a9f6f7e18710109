// The first filter: gives the request its context (request/context.ts), which
// every later filter and handler reads.
//
// - Audit-ID: the client's `Audit-ID` header if it sent one, else a new UUID;
//   echoed as a response header (upstream's audit-init filter) so a client can
//   quote it when reporting a problem.
// - RequestInfo: what the request is about (request-info-resolver.ts).
// - signal: aborted when the client goes away before the response is complete.
//   Later filters abort it for their reasons too (timeout, shutdown).

import { randomUUID } from "node:crypto";
import type { Handler } from "../server/handler-sequence.js";
import { setRequestContext } from "../request/context.js";
import { resolveRequestInfo } from "../request/request-info-resolver.js";

export const AUDIT_ID_HEADER = "Audit-ID";

export function withRequestInfo(): Handler {
  return (req, res, next) => {
    const sent = req.headers["audit-id"];
    const auditID = (Array.isArray(sent) ? sent[0] : sent)?.trim() || randomUUID();
    res.setHeader(AUDIT_ID_HEADER, auditID);

    // The signal is made only when someone reads it (context.ts).
    let controller: AbortController | undefined;
    let abortReason: unknown;
    let aborted = false;
    const abort = (reason: unknown) => {
      if (aborted) return;
      aborted = true;
      abortReason = reason;
      controller?.abort(reason);
    };
    res.once("close", () => {
      if (!res.writableFinished) abort(new Error("the client closed the connection"));
    });

    setRequestContext(req, {
      auditID,
      requestInfo: resolveRequestInfo(req.method ?? "GET", req.url ?? "/"),
      get signal() {
        if (controller === undefined) {
          controller = new AbortController();
          if (aborted) controller.abort(abortReason);
        }
        return controller.signal;
      },
      get aborted() {
        return aborted;
      },
      abort,
      warnings: [],
    });
    next();
  };
}
