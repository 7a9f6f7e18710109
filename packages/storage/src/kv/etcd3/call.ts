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
 * gRPC enforces the deadline on the wire. A backup check also ends calls stuck
 * inside the client before the request is sent (e.g. fetching an auth token,
 * which the client does without a deadline): one shared sweeper, not a timer
 * per call, because per-call timers and Promise.race were a measurable share
 * of a call's CPU (see bench/README.md). Connection failures and timeouts
 * become UnavailableError; anything else (etcd's own errors) is rethrown as
 * it is. As with any timeout, a write that timed out may still have been applied.
 */
export function callEtcd<T>(
  what: string,
  deadline: number,
  request: (options: CallOptions) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const call: PendingCall = {
      overdueAt: deadline + BACKUP_SLACK_MS,
      fail: () => reject(new UnavailableError(`etcd ${what}: no answer within ${Math.max(0, deadline - Date.now() + BACKUP_SLACK_MS)} ms of its deadline`)),
    };
    watchDeadline(call);
    request({ deadline: new Date(deadline) }).then(
      (value) => {
        pending.delete(call);
        resolve(value);
      },
      (err: unknown) => {
        pending.delete(call);
        reject(asUnavailable(what, err) ?? err);
      },
    );
  });
}

/** How long after its deadline the backup check gives up on a call gRPC has not ended. */
const BACKUP_SLACK_MS = 100;
const SWEEP_INTERVAL_MS = 50;

interface PendingCall {
  overdueAt: number;
  fail(): void;
}

const pending = new Set<PendingCall>();
let sweeper: NodeJS.Timeout | undefined;

function watchDeadline(call: PendingCall): void {
  pending.add(call);
  if (sweeper) return;
  sweeper = setInterval(() => {
    const now = Date.now();
    for (const c of pending) {
      if (c.overdueAt <= now) {
        pending.delete(c);
        c.fail(); // a settled promise ignores a later resolve from gRPC
      }
    }
    if (pending.size === 0) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();
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
