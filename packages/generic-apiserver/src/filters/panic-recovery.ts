// Panic recovery (upstream: server/filters/wrap.go WithPanicRecovery): a
// handler that throws, or whose promise rejects, must cost one request, not
// the server. Every error a filter or handler passes on (handler-sequence.ts)
// ends here.
//
// - A StatusError is the handler's answer, sent as is (e.g. a 404 NotFound).
// - Errors from express's middleware (the non-resource routes) and body
//   parsers carry an HTTP status (e.g. 400 for a malformed body); client
//   errors among them become a Status with that code.
// - Anything else is a bug: 500, with the details in the log, not the response.
// - If the response had already started, the only honest thing left is to
//   break the connection so the client sees a truncated response, not a
//   complete-looking one.

import type { IncomingMessage, ServerResponse } from "node:http";
import { StatusError, isStatusError, type StatusReason } from "@tskube/apimachinery";
import { maybeRequestContext } from "../request/context.js";
import type { Logger } from "../server/logger.js";
import { writeStatus, writeStatusError } from "./write-status.js";

export const PANIC_MESSAGE = "This request caused apiserver to panic. Look in the logs for details.";

export type ErrorHandler = (err: unknown, req: IncomingMessage, res: ServerResponse) => void;

export function withPanicRecovery(logger: Logger): ErrorHandler {
  return (err, req, res) => {
    const auditID = maybeRequestContext(req)?.auditID ?? "";
    if (res.writableEnded) {
      // Already answered, typically by a filter (a 504 timeout, a 413) while the handler went on.
      logger.info(`${req.method} ${req.url} (Audit-ID ${auditID}) failed after it was answered: ${String(err)}`);
      return;
    }
    if (res.headersSent) {
      logger.error(`${req.method} ${req.url} (Audit-ID ${auditID}) failed after the response started`, err);
      res.destroy();
      return;
    }
    if (isStatusError(err)) {
      writeStatusError(res, err);
      return;
    }
    const clientError = asClientError(err);
    if (clientError) {
      writeStatusError(res, clientError);
      return;
    }
    logger.error(`${req.method} ${req.url} (Audit-ID ${auditID}) panicked`, err);
    writeStatus(res, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: PANIC_MESSAGE,
      reason: "InternalError",
      code: 500,
    });
  };
}

const CLIENT_ERROR_REASONS: Readonly<Record<number, StatusReason>> = {
  400: "BadRequest",
  413: "RequestEntityTooLarge",
  415: "UnsupportedMediaType",
};

/** Errors made by express and its body parsers (http-errors): `status` and `expose` for 4xx. */
function asClientError(err: unknown): StatusError | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const { status, expose, message } = err as { status?: unknown; expose?: unknown; message?: unknown };
  if (typeof status !== "number" || status < 400 || status >= 500 || expose !== true) return undefined;
  return new StatusError({
    code: status,
    reason: CLIENT_ERROR_REASONS[status] ?? "",
    message: typeof message === "string" ? message : "",
  });
}
