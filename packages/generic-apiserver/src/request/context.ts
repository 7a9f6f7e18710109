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
  /**
   * Aborted when the client goes away, the request times out, or
   * (long-running requests) the server shuts down. Made when first read: a
   * request that never asks (a proxied one) does not pay for an AbortController.
   */
  readonly signal: AbortSignal;
  /** Whether the request was aborted; asks without making `signal`. */
  readonly aborted: boolean;
  /**
   * Aborts `signal` with `reason`; the filters call it for each of those
   * reasons. (One controller per request rather than one per reason joined
   * with AbortSignal.any, which costs too much to do for every request.)
   */
  abort(reason: unknown): void;
  /** Warnings to return in `Warning: 299 - "..."` headers. */
  warnings: string[];
}

// Kept in a property under a private symbol, not in a WeakMap: every request
// would add a WeakMap entry, and the garbage collector's extra work for those
// cost about 15% of a small request's time in the API server benchmark.
const CONTEXT = Symbol("tskube.requestContext");

interface WithContext {
  [CONTEXT]?: RequestContext;
}

export function setRequestContext(req: IncomingMessage, ctx: RequestContext): void {
  (req as IncomingMessage & WithContext)[CONTEXT] = ctx;
}

/** The request's context; throws if the request did not pass the request-info filter. */
export function requestContext(req: IncomingMessage): RequestContext {
  const ctx = (req as IncomingMessage & WithContext)[CONTEXT];
  if (!ctx) throw new Error("request has no context: the request-info filter did not run");
  return ctx;
}

export function maybeRequestContext(req: IncomingMessage): RequestContext | undefined {
  return (req as IncomingMessage & WithContext)[CONTEXT];
}
