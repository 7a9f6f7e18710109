// The embedded kv driver: the KvDriver contract on one SQLite file, the kine
// design (see schema.ts). This class only checks arguments and revisions and
// delegates: SQL to Queries, writes to the WriteBatcher (group commit),
// watches to the WatchHub, expiry to the LeaseKeeper.

import type BetterSqlite3 from "better-sqlite3";
import { CompactedError, FutureRevisionError, UnavailableError } from "../errors.js";
import {
  prefixEnd,
  type KeyValue,
  type KvDriver,
  type KvEvent,
  type KvWatch,
  type KvWatchCallbacks,
  type RangeOptions,
  type RangeResult,
  type TxnResult,
  type WriteOptions,
} from "../types.js";
import { deleteObsoleteHistory } from "./compaction.js";
import { LeaseKeeper } from "./leases.js";
import { closeDatabase, openDatabase } from "./open-database.js";
import { eventOf, keyValueOf } from "./rows.js";
import { Queries } from "./schema.js";
import { WatchHub } from "./watch-hub.js";
import { WriteBatcher } from "./write-batcher.js";
import { applyCreate, applyDelete, applyUpdate, type AppliedWrite } from "./writes.js";

export interface EmbeddedDriverOptions {
  /** Directory of the database; created if missing. One process at a time may open it. */
  dataDir: string;
  /** How often expired keys are looked for and deleted, in milliseconds (default 1000). */
  leaseSweepIntervalMs?: number;
}

/**
 * Opens the store in `opts.dataDir`. Throws DataDirectoryInUseError when
 * another process (or another open driver) holds the directory.
 */
export function openEmbeddedDriver(opts: EmbeddedDriverOptions): EmbeddedDriver {
  return new EmbeddedDriver(opts);
}

export class EmbeddedDriver implements KvDriver {
  readonly dataDir: string;
  private readonly db: BetterSqlite3.Database;
  private readonly q: Queries;
  private readonly writes: WriteBatcher<AppliedWrite>;
  private readonly hub: WatchHub;
  private readonly leases: LeaseKeeper;
  private compacted: number;
  /** The running (or last) physical compaction; close() waits for it. */
  private compaction: Promise<void> = Promise.resolve();
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(opts: EmbeddedDriverOptions) {
    this.dataDir = opts.dataDir;
    this.db = openDatabase(opts.dataDir);
    try {
      this.q = new Queries(this.db);
    } catch (err) {
      closeDatabase(this.db, this.dataDir);
      throw err;
    }
    this.compacted = this.q.meta("compacted_revision");
    this.hub = new WatchHub({
      eventsFrom: (prefix, from, limit) => this.q.rowsFrom(prefix, prefixEnd(prefix), from, limit).map(eventOf),
      currentRevision: () => this.q.currentRevision(),
      compactedRevision: () => this.compacted,
    });
    this.writes = new WriteBatcher(this.db, (committed) => this.afterCommit(committed));
    this.leases = new LeaseKeeper(opts.leaseSweepIntervalMs ?? 1000, (key, modRevision) => {
      this.delete(key, modRevision).catch(() => {
        // Closed, or the commit failed: the key keeps its deadline and the next sweep retries.
      });
    });
    for (const row of this.q.liveLeasedRows()) this.leases.track(keyValueOf(row));
    // Finish a compaction that a previous process did not. Should it fail, the
    // next compact() call retries it and reports the error.
    this.startPhysicalCompaction().catch(() => {});
  }

  async currentRevision(): Promise<number> {
    this.ensureOpen();
    return this.q.currentRevision();
  }

  async compactedRevision(): Promise<number> {
    this.ensureOpen();
    return this.compacted;
  }

  async range(start: string, end: string, opts: RangeOptions = {}): Promise<RangeResult> {
    const revision = this.readRevision(opts.revision);
    const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
    // One row more than asked tells whether the limit cut the result short.
    const rows = this.q.liveRows(start, end, revision, limit > 0 ? limit + 1 : -1);
    const more = limit > 0 && rows.length > limit;
    const kvs = (more ? rows.slice(0, limit) : rows).map(keyValueOf);
    const count = more ? this.q.countLive(start, end, revision) : kvs.length;
    return { kvs, more, count, revision };
  }

  async get(key: string, opts: { revision?: number } = {}): Promise<{ kv: KeyValue | null; revision: number }> {
    const revision = this.readRevision(opts.revision);
    const row = this.q.latest(key, revision);
    return { kv: row && !row.deleted ? keyValueOf(row) : null, revision };
  }

  async count(start: string, end: string): Promise<number> {
    this.ensureOpen();
    return this.q.countLive(start, end, this.q.currentRevision());
  }

  create(key: string, value: Uint8Array, opts?: WriteOptions): Promise<TxnResult> {
    return this.write(() => applyCreate(this.q, key, value, opts));
  }

  update(key: string, value: Uint8Array, expectedModRevision: number, opts?: WriteOptions): Promise<TxnResult> {
    return this.write(() => applyUpdate(this.q, key, value, expectedModRevision, opts));
  }

  delete(key: string, expectedModRevision?: number): Promise<TxnResult> {
    return this.write(() => applyDelete(this.q, key, expectedModRevision));
  }

  watch(prefix: string, fromRevision: number, callbacks: KvWatchCallbacks): KvWatch {
    if (this.closed) {
      setImmediate(() => callbacks.onError(new UnavailableError("embedded kv store is closed")));
      return { cancel: () => {} };
    }
    return this.hub.watch(prefix, fromRevision, callbacks);
  }

  async compact(revision: number): Promise<void> {
    this.ensureOpen();
    const current = this.q.currentRevision();
    if (revision > current) throw new FutureRevisionError(revision, current);
    // As etcd: compacting to the compacted revision or below is an error.
    if (revision <= this.compacted) throw new CompactedError(revision, this.compacted);
    this.q.setMeta("compacted_revision", revision);
    this.compacted = revision;
    await this.startPhysicalCompaction();
  }

  close(): Promise<void> {
    this.closed = true; // from here on, new calls fail with UnavailableError
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.leases.stop();
    this.writes.flush(); // commits (and acknowledges) the writes already queued
    await this.compaction.catch(() => {}); // stops at its next window
    this.hub.closeAll();
    closeDatabase(this.db, this.dataDir);
  }

  /** Queues a write for the next group commit. */
  private async write(apply: () => AppliedWrite): Promise<TxnResult> {
    this.ensureOpen();
    const applied = await this.writes.submit(apply);
    return applied.result;
  }

  /** Runs after each commit, before the writers hear back: feeds watchers and lease deadlines. */
  private afterCommit(committed: AppliedWrite[]): void {
    const events: KvEvent[] = [];
    for (const { event } of committed) {
      if (!event) continue;
      events.push(event);
      if (event.type === "delete") this.leases.forget(event.kv.key);
      else this.leases.track(event.kv);
    }
    this.hub.publish(events);
  }

  /** The revision a read should use: the current one for 0/undefined, else a retained one. */
  private readRevision(requested: number | undefined): number {
    this.ensureOpen();
    const current = this.q.currentRevision();
    if (!requested || requested <= 0) return current;
    if (requested > current) throw new FutureRevisionError(requested, current);
    if (requested < this.compacted) throw new CompactedError(requested, this.compacted);
    return requested;
  }

  private startPhysicalCompaction(): Promise<void> {
    const run = this.compaction
      .catch(() => {}) // a failed earlier run is retried by this one
      .then(() => deleteObsoleteHistory(this.db, this.q, () => this.closed));
    this.compaction = run;
    return run;
  }

  private ensureOpen(): void {
    if (this.closed) throw new UnavailableError("embedded kv store is closed");
  }
}
