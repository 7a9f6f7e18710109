// kv driver errors -> StorageErrors, in one place.

import { StorageError } from "../errors.js";
import { CompactedError, FutureRevisionError, UnavailableError } from "../kv/errors.js";
import { tooLargeResourceVersionMessage } from "./resource-version.js";

export function toStorageError(key: string, err: unknown): unknown {
  if (err instanceof UnavailableError) return new StorageError("Unavailable", key, err.message);
  if (err instanceof CompactedError) return new StorageError("Expired", key, "The resourceVersion for the provided list is too old.");
  if (err instanceof FutureRevisionError) {
    return new StorageError(
      "ResourceVersionTooLarge",
      key,
      tooLargeResourceVersionMessage(err.requestedRevision, err.currentRevision),
    );
  }
  return err;
}

/** Run a kv call, reporting its failures as StorageErrors about `key`. */
export async function kvCall<R>(key: string, fn: () => Promise<R>): Promise<R> {
  try {
    return await fn();
  } catch (err) {
    throw toStorageError(key, err);
  }
}
