// Rows of the log seen as the kv contract's values and events.

import type { KeyValue, KvEvent } from "../types.js";
import type { Row } from "./schema.js";

/** better-sqlite3 returns BLOBs as Buffers; the contract promises plain Uint8Arrays. */
function bytes(blob: Buffer): Uint8Array {
  return new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength);
}

/** The key as this row wrote it (for a tombstone: only the key and the deletion's revision, as etcd reports). */
export function keyValueOf(row: Row): KeyValue {
  if (row.deleted) return { key: row.name, value: new Uint8Array(0), createRevision: 0, modRevision: row.id, lease: 0 };
  return {
    key: row.name,
    value: bytes(row.value),
    // A created row does not know its own id when it is inserted, so it stores 0 (as kine does).
    createRevision: row.created ? row.id : row.create_revision,
    modRevision: row.id,
    lease: row.lease,
  };
}

/** The key as it was just before this row, or undefined when the row created it. */
export function previousKeyValueOf(row: Row): KeyValue | undefined {
  if (row.created || row.old_value === null) return undefined;
  return {
    key: row.name,
    value: bytes(row.old_value),
    createRevision: row.create_revision,
    modRevision: row.prev_revision,
    lease: row.old_lease,
  };
}

export function eventOf(row: Row): KvEvent {
  const event: KvEvent = { type: row.deleted ? "delete" : "put", kv: keyValueOf(row) };
  const prevKv = previousKeyValueOf(row);
  if (prevKv) event.prevKv = prevKv;
  return event;
}
