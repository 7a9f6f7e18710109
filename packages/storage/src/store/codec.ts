// How objects are stored: JSON bytes without metadata.resourceVersion (the
// kv revision is the resourceVersion, so storing it would only go stale).
// Decoding puts the key's modRevision back as the resourceVersion.

import type { KubeObject } from "@tskube/apimachinery";
import { StorageError } from "../errors.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export function encodeObject(obj: KubeObject): Uint8Array {
  const { resourceVersion: _rv, selfLink: _selfLink, ...metadata } = obj.metadata ?? {};
  return encoder.encode(JSON.stringify({ ...obj, metadata }));
}

/** Decode a stored value; a value that is not an object's JSON is a CorruptObject error naming the key. */
export function decodeObject<T extends KubeObject>(key: string, value: Uint8Array, modRevision: number): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(value));
  } catch (err) {
    throw corrupt(key, err instanceof Error ? err.message : String(err));
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw corrupt(key, "stored value is not a JSON object");
  }
  const obj = parsed as T;
  const metadata = obj.metadata;
  if (metadata !== undefined && (metadata === null || typeof metadata !== "object" || Array.isArray(metadata))) {
    throw corrupt(key, "metadata is not an object");
  }
  obj.metadata = { ...(metadata ?? {}), resourceVersion: String(modRevision) };
  return obj;
}

/** Two encodings are the same object (used to skip no-op updates). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function corrupt(key: string, why: string): StorageError {
  return new StorageError("CorruptObject", key, `failed to decode the object stored at key "${key}": ${why}`);
}
