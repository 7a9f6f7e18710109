// The kv driver: the whole seam between the API server and a database.
//
// It is etcd-shaped on purpose (revisions, compare-on-mod-revision, watch from
// a revision with previous values), so the etcd3 driver is a thin adapter and
// the embedded driver (SQLite, one row per revision, the kine design) has a
// precise model to imitate. Everything above it (the object store, the cacher)
// only ever talks to this interface.
//
// Revisions: a single counter for the whole keyspace, incremented by every
// write. A key's `modRevision` is the revision of its last write; that number,
// as a decimal string, is the object's `resourceVersion`.

export interface KeyValue {
  key: string;
  value: Uint8Array;
  /** Revision at which the key was created (unchanged by updates). */
  createRevision: number;
  /** Revision of the last write to the key. */
  modRevision: number;
  /** Lease the key is attached to (0 = none); keys with a lease expire with it. */
  lease: number;
}

export interface RangeOptions {
  /** Read as of this revision (0 = latest). Fails with CompactedError if compacted away. */
  revision?: number;
  /** At most this many keys (0 = no limit). */
  limit?: number;
}

export interface RangeResult {
  /** Keys in [start, end), sorted by key. */
  kvs: KeyValue[];
  /** True when `limit` cut the result short. */
  more: boolean;
  /** How many keys the whole range holds at the read revision. */
  count: number;
  /** The revision the range was read at (the store's current revision if none was given). */
  revision: number;
}

export interface WriteOptions {
  /** Attach the key to a lease of (at least) this many seconds; the key is deleted when it expires. */
  ttlSeconds?: number;
}

/** Result of a conditional write (create, update or delete). */
export type TxnResult =
  | { succeeded: true; revision: number; /** The key after the write; for delete, its last value. */ kv: KeyValue }
  | { succeeded: false; revision: number; /** The current value that failed the compare, if the key exists. */ kv: KeyValue | null };

export type KvEventType = "put" | "delete";

export interface KvEvent {
  type: KvEventType;
  /** The key after the event. For "delete", `value` is empty and `modRevision` is the deletion's revision. */
  kv: KeyValue;
  /** The key's value before this event (absent for a create). */
  prevKv?: KeyValue;
}

export interface KvWatchCallbacks {
  /** A batch of events, in revision order. Never called after `onError` or `cancel()`. */
  onEvents(events: KvEvent[]): void;
  /**
   * The watch ended: CompactedError when the start revision was compacted away,
   * UnavailableError when the driver could not keep the watch (it does not retry
   * forever). Called at most once.
   */
  onError(err: Error): void;
  /** Optional: the driver's progress (all events up to `revision` were delivered). */
  onProgress?(revision: number): void;
}

export interface KvWatch {
  cancel(): void;
  /**
   * Optional: ask for an `onProgress` call soon (after any events already due),
   * even if nothing under the prefix changes (etcd: WatchProgressRequest). The
   * watch cache uses it to learn that it is up to date with the store's current
   * revision, so it can serve consistent reads of an idle resource from memory.
   */
  requestProgress?(): void;
}

export interface KvDriver {
  /** The current revision of the whole keyspace. */
  currentRevision(): Promise<number>;

  /** Keys in [start, end). `end` = prefixEnd(start) lists a prefix. */
  range(start: string, end: string, opts?: RangeOptions): Promise<RangeResult>;

  /** One key (or null), plus the revision it was read at. */
  get(key: string, opts?: { revision?: number }): Promise<{ kv: KeyValue | null; revision: number }>;

  /** Number of keys in [start, end) at the current revision. */
  count(start: string, end: string): Promise<number>;

  /** Create only if the key does not exist (etcd: txn if mod_revision(key) == 0). */
  create(key: string, value: Uint8Array, opts?: WriteOptions): Promise<TxnResult>;

  /** Replace only if the key's modRevision is still `expectedModRevision` (compare-and-swap). */
  update(key: string, value: Uint8Array, expectedModRevision: number, opts?: WriteOptions): Promise<TxnResult>;

  /**
   * Delete only if the key's modRevision is still `expectedModRevision`
   * (or unconditionally when it is undefined). On success `kv` is the deleted value.
   */
  delete(key: string, expectedModRevision?: number): Promise<TxnResult>;

  /**
   * Events for keys starting with `prefix` with revision >= `fromRevision`
   * (0 = only changes after now), each with its previous value.
   */
  watch(prefix: string, fromRevision: number, callbacks: KvWatchCallbacks): KvWatch;

  /** Forget history before `revision`: reads and watches before it fail with CompactedError. */
  compact(revision: number): Promise<void>;

  /** The revision the last compaction kept (0 = never compacted). */
  compactedRevision(): Promise<number>;

  close(): Promise<void>;
}

/**
 * The end of a prefix range: the smallest key greater than every key starting
 * with `prefix` (etcd's "prefix end"). Keys are ASCII (resource names are
 * DNS-1123), so bumping the last character is enough.
 */
export function prefixEnd(prefix: string): string {
  if (prefix === "") return "\0";
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
