// The per-request context the filters build up and the handlers read:
// what the request is (RequestInfo), who sent it, and when it must end.
// Stored beside the Node request object so every layer can reach it without
// threading extra arguments through express.

import type { IncomingMessage } from "node:http";
import type { UserInfo } from "../authentication/user.js";
import type { RequestInfo } from "./request-info.js";

export interface RequestContext {
  /** Unique per request; echoed as the `Audit-ID` response header. */
  auditID: string;
  requestInfo: RequestInfo;
  /** Set by the authentication filter. */
  user?: UserInfo;
  /** Aborted when the client goes away or the request times out. */
  signal: AbortSignal;
  /** Warnings to return in `Warning: 299 - "..."` headers. */
  warnings: string[];
}

const contexts = new WeakMap<IncomingMessage, RequestContext>();

export function setRequestContext(req: IncomingMessage, ctx: RequestContext): void {
  contexts.set(req, ctx);
}

/** The request's context; throws if the request did not pass the request-info filter. */
export function requestContext(req: IncomingMessage): RequestContext {
  const ctx = contexts.get(req);
  if (!ctx) throw new Error("request has no context: the request-info filter did not run");
  return ctx;
}

export function maybeRequestContext(req: IncomingMessage): RequestContext | undefined {
  return contexts.get(req);
}
