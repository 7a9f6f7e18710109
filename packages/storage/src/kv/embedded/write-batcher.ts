// Group commit: every write issued during one turn of the event loop goes
// into one SQLite transaction, committed at the next turn (setImmediate), so
// the cost of making a commit durable (an fsync of the WAL) is paid once per
// batch instead of once per write.
//
// Each write keeps its own fate: it runs in order inside the transaction, so
// it gets its own revision and sees the writes queued before it (a second
// create of the same key in a batch fails), and a write that fails its
// compare (or throws) does not disturb the others. Nothing is acknowledged
// before the commit returns; if the commit itself fails, every write of the
// batch fails with UnavailableError, since none of it is on disk.

import type BetterSqlite3 from "better-sqlite3";
import { UnavailableError } from "../errors.js";

interface QueuedWrite<T> {
  apply: () => T;
  resolve: (value: T) => void;
  reject: (err: unknown) => void;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export class WriteBatcher<T> {
  private queue: QueuedWrite<T>[] = [];
  private pendingFlush: NodeJS.Immediate | undefined;
  private readonly runBatch: BetterSqlite3.Transaction<(batch: QueuedWrite<T>[]) => Outcome<T>[]>;

  /**
   * @param onCommit runs right after each commit, before any write's promise
   *   settles, with the results of the writes that did not throw.
   */
  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly onCommit: (committed: T[]) => void,
  ) {
    this.runBatch = db.transaction((batch: QueuedWrite<T>[]) => batch.map((write) => this.applyOne(write)));
  }

  /** Queues `apply` (synchronous SQL) for the next batch; settles once that batch is on disk. */
  submit(apply: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ apply, resolve, reject });
      this.pendingFlush ??= setImmediate(() => this.flush());
    });
  }

  /** Commits whatever is queued, now (used by close()). */
  flush(): void {
    if (this.pendingFlush) clearImmediate(this.pendingFlush);
    this.pendingFlush = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;

    let outcomes: Outcome<T>[];
    try {
      outcomes = this.runBatch(batch); // BEGIN, the writes, COMMIT (durable when it returns)
    } catch (cause) {
      const error = new UnavailableError(`embedded kv: committing ${batch.length} write(s) failed: ${String(cause)}`, { cause });
      for (const write of batch) write.reject(error);
      return;
    }
    this.onCommit(outcomes.flatMap((outcome) => (outcome.ok ? [outcome.value] : [])));
    outcomes.forEach((outcome, i) => {
      const write = batch[i]!;
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
    });
  }

  private applyOne(write: QueuedWrite<T>): Outcome<T> {
    try {
      return { ok: true, value: write.apply() };
    } catch (error) {
      // A failed statement undoes only itself, so the batch can go on; but if
      // SQLite gave up the whole transaction (disk full, I/O error), later
      // statements would run outside it: abort the batch instead.
      if (!this.db.inTransaction) throw error;
      return { ok: false, error };
    }
  }
}
