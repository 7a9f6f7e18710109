// The three conditional writes, each run inside the batch transaction (see
// write-batcher.ts). A write reads the key's latest row, checks its compare,
// and either appends one row (success, a new revision) or appends nothing
// (failure, reporting the current value as etcd does).

import type { KeyValue, KvEvent, TxnResult, WriteOptions } from "../types.js";
import { keyValueOf } from "./rows.js";
import type { Queries, Row } from "./schema.js";

/** The outcome of one write, and the event watchers get once it is committed. */
export interface AppliedWrite {
  result: TxnResult;
  /** Present when the write succeeded. */
  event?: KvEvent;
}

const EMPTY = new Uint8Array(0);

/**
 * The lease column holds the TTL in seconds, kine's convention: there are no
 * lease objects to grant or keep alive, a key simply lives at least that long
 * after its last write (see leases.ts).
 */
function leaseOf(opts: WriteOptions | undefined): number {
  const ttl = opts?.ttlSeconds ?? 0;
  return ttl > 0 ? Math.ceil(ttl) : 0;
}

function isLive(row: Row | undefined): row is Row {
  return row !== undefined && !row.deleted;
}

function failed(q: Queries, latest: Row | undefined): AppliedWrite {
  return { result: { succeeded: false, revision: q.currentRevision(), kv: isLive(latest) ? keyValueOf(latest) : null } };
}

/** Create only if the key is absent (never written, or its latest row is a tombstone). */
export function applyCreate(q: Queries, key: string, value: Uint8Array, opts?: WriteOptions): AppliedWrite {
  const latest = q.latest(key);
  if (latest && !latest.deleted) return failed(q, latest);
  const stored = new Uint8Array(value); // a copy: the caller may reuse its buffer
  const lease = leaseOf(opts);
  const revision = q.insert({
    name: key,
    created: 1,
    deleted: 0,
    create_revision: 0,
    prev_revision: latest?.id ?? 0, // a tombstone's id when the key is re-created
    lease,
    value: stored,
    old_value: null,
    old_lease: 0,
  });
  const kv: KeyValue = { key, value: stored, createRevision: revision, modRevision: revision, lease };
  return { result: { succeeded: true, revision, kv }, event: { type: "put", kv } };
}

/** Replace only if the key exists and its modRevision is `expectedModRevision`. */
export function applyUpdate(
  q: Queries,
  key: string,
  value: Uint8Array,
  expectedModRevision: number,
  opts?: WriteOptions,
): AppliedWrite {
  const latest = q.latest(key);
  if (!isLive(latest) || latest.id !== expectedModRevision) return failed(q, latest);
  const prevKv = keyValueOf(latest);
  const stored = new Uint8Array(value);
  const lease = leaseOf(opts);
  const revision = q.insert({
    name: key,
    created: 0,
    deleted: 0,
    create_revision: prevKv.createRevision,
    prev_revision: latest.id,
    lease,
    value: stored,
    old_value: latest.value,
    old_lease: latest.lease,
  });
  const kv: KeyValue = { key, value: stored, createRevision: prevKv.createRevision, modRevision: revision, lease };
  return { result: { succeeded: true, revision, kv }, event: { type: "put", kv, prevKv } };
}

/** Append a tombstone if the key exists (and its modRevision is `expectedModRevision`, when given). */
export function applyDelete(q: Queries, key: string, expectedModRevision?: number): AppliedWrite {
  const latest = q.latest(key);
  if (!isLive(latest)) return failed(q, latest);
  if (expectedModRevision !== undefined && latest.id !== expectedModRevision) return failed(q, latest);
  const prevKv = keyValueOf(latest);
  const revision = q.insert({
    name: key,
    created: 0,
    deleted: 1,
    create_revision: prevKv.createRevision,
    prev_revision: latest.id,
    lease: 0,
    value: EMPTY,
    old_value: latest.value,
    old_lease: latest.lease,
  });
  // etcd reports a deleted key with only its key and the deletion's revision.
  const kv: KeyValue = { key, value: EMPTY, createRevision: 0, modRevision: revision, lease: 0 };
  return { result: { succeeded: true, revision, kv: prevKv }, event: { type: "delete", kv, prevKv } };
}
