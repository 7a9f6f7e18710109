// One etcd request with a deadline, and the errors etcd answers with turned
// into the kv driver's errors.

import { ClientClosedError, EtcdLeaseInvalidError, isRecoverableError } from "etcd3";
import { UnavailableError } from "../errors.js";
import { EndpointSkipped } from "./client.js";

/** The call options every request gets (structurally gRPC's CallOptions). */
export interface CallOptions {
  deadline: Date;
}

/**
 * Run `request` with a gRPC deadline at `deadline` (ms since the epoch).
 * gRPC enforces the deadline on the wire; the timer here also covers any wait
 * inside the client before the request is sent, so the call ends in time no
 * matter where it is stuck (e.g. fetching an auth token, which the client
 * does without a deadline). Connection failures and timeouts become
 * UnavailableError; anything else (etcd's own errors) is rethrown as it is.
 * As with any timeout, a write that timed out may still have been applied.
 */
export async function callEtcd<T>(
  what: string,
  deadline: number,
  request: (options: CallOptions) => Promise<T>,
): Promise<T> {
  const timeoutMs = Math.max(0, deadline - Date.now());
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UnavailableError(`etcd ${what}: no answer within ${timeoutMs} ms`)), timeoutMs + 100);
  });
  try {
    return await Promise.race([request({ deadline: new Date(deadline) }), timedOut]);
  } catch (err) {
    throw asUnavailable(what, err) ?? err;
  } finally {
    clearTimeout(timer);
  }
}

/** The UnavailableError for a failure that means "etcd could not be reached or did not answer", else null. */
export function asUnavailable(what: string, err: unknown): UnavailableError | null {
  if (err instanceof UnavailableError) return err;
  if (err instanceof ClientClosedError) return new UnavailableError(`etcd ${what}: the driver is closed`, { cause: err });
  if (err instanceof EndpointSkipped) return new UnavailableError(`etcd ${what}: no endpoint left to try`, { cause: err });
  // The client marks network and server-side failures (unavailable, deadline
  // exceeded, cancelled, internal, resource exhausted such as a full
  // database, ...) as recoverable: all of them mean "try again later".
  if (err instanceof Error && isRecoverableError(err)) {
    return new UnavailableError(`etcd ${what}: ${err.message}`, { cause: err });
  }
  return null;
}

/** etcd's "mvcc: required revision has been compacted". */
export function isCompactedError(err: unknown): boolean {
  return err instanceof Error && err.message.includes("required revision has been compacted");
}

/** etcd's "mvcc: required revision is a future revision". */
export function isFutureRevisionError(err: unknown): boolean {
  return err instanceof Error && err.message.includes("required revision is a future revision");
}

/** etcd's "requested lease not found": the lease expired or was revoked. */
export function isLeaseNotFoundError(err: unknown): boolean {
  return err instanceof EtcdLeaseInvalidError;
}
