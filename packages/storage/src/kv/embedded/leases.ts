// Key expiry. A key written with ttlSeconds stores the TTL in its lease
// column; this keeper remembers when each such key expires and, on a periodic
// sweep, deletes the expired ones through the normal write path (a tombstone
// and a watch event, like any delete).
//
// Deadlines live in memory only, as in kine: after a restart every leased key
// gets its full TTL again, counted from the reopen. The contract promises a
// key lives *at least* its TTL, which this honours.

import type { KeyValue } from "../types.js";

interface Deadline {
  expiresAt: number;
  /** The write the deadline belongs to: the expiry delete compares on it. */
  modRevision: number;
}

export class LeaseKeeper {
  private readonly deadlines = new Map<string, Deadline>();
  private readonly timer: NodeJS.Timeout;

  /**
   * @param expire deletes `key` if it is still at `modRevision`; a failed
   *   compare means the key was rewritten, and that write set a new deadline.
   */
  constructor(
    sweepIntervalMs: number,
    private readonly expire: (key: string, modRevision: number) => void,
  ) {
    this.timer = setInterval(() => this.sweep(), sweepIntervalMs);
    this.timer.unref(); // expiry alone must not keep the process alive
  }

  /** Records a committed write of `kv`: a leased key gets a new deadline, others lose theirs. */
  track(kv: KeyValue, now = Date.now()): void {
    if (kv.lease > 0) this.deadlines.set(kv.key, { expiresAt: now + kv.lease * 1000, modRevision: kv.modRevision });
    else this.deadlines.delete(kv.key);
  }

  forget(key: string): void {
    this.deadlines.delete(key);
  }

  /**
   * Asks for the deletion of every expired key. The entry stays until that
   * delete commits (and calls forget), so a delete lost to a failed commit is
   * retried on the next sweep.
   */
  sweep(now = Date.now()): void {
    for (const [key, deadline] of this.deadlines) {
      if (deadline.expiresAt <= now) this.expire(key, deadline.modRevision);
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
