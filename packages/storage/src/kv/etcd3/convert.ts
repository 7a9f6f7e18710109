// Between the kv driver's types and etcd's wire types: keys are strings here
// and bytes there, int64s arrive as decimal strings (the client decodes them
// that way to keep precision), and absent messages arrive as null.

import type { IKeyValue } from "etcd3";
import type { KeyValue } from "../types.js";

/**
 * A key as etcd bytes. etcd refuses an empty key, and "\0" is the smallest
 * key there is, so a range or watch from "" starts at "\0" instead.
 */
export function keyBytes(key: string): Buffer {
  return Buffer.from(key === "" ? "\0" : key, "utf8");
}

/** A value as bytes gRPC can send, without copying. */
export function valueBytes(value: Uint8Array): Buffer {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** An etcd int64 (revision, count) as a number; revisions stay far below 2^53. */
export function int64(value: string | number | null | undefined): number {
  return value === null || value === undefined || value === "" ? 0 : Number(value);
}

export function toKeyValue(kv: IKeyValue): KeyValue {
  return {
    key: kv.key.toString("utf8"),
    // A plain Uint8Array view over gRPC's buffer (no copy), as the other drivers return.
    value: new Uint8Array(kv.value.buffer, kv.value.byteOffset, kv.value.byteLength),
    createRevision: int64(kv.create_revision),
    modRevision: int64(kv.mod_revision),
    // etcd lease IDs are 64-bit; above 2^53 this number is approximate (it only says "has a lease").
    lease: int64(kv.lease),
  };
}
