// Storage errors (upstream's storage.StorageError) and how they become API
// errors. The store speaks in keys and revisions; the registry above knows the
// resource and name, so it calls `interpretStorageError` to build the Status
// the client sees (NotFound, AlreadyExists, Conflict, 410 Expired, 5xx).

import {
  type GroupResource,
  OPTIMISTIC_LOCK_ERROR_MSG,
  StatusError,
  newAlreadyExists,
  newConflict,
  newInternalError,
  newNotFound,
  newResourceExpired,
  newServerTimeout,
  newTimeoutError,
} from "@tskube/apimachinery";

export type StorageErrorCode =
  /** The key does not exist. */
  | "KeyNotFound"
  /** Create found the key already there. */
  | "KeyExists"
  /** A resourceVersion or uid precondition failed, or an update raced another writer. */
  | "Conflict"
  /** The requested revision (watch start, continue token, exact read) was compacted away. */
  | "Expired"
  /** The requested resourceVersion is newer than anything the store has seen. */
  | "ResourceVersionTooLarge"
  /** A stored value could not be decoded; `key` names it. */
  | "CorruptObject"
  /** The object handed to the store is unusable (e.g. bad resourceVersion). */
  | "InvalidObject"
  /** The backing store did not answer in time or could not be reached. */
  | "Unavailable";

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    readonly key: string,
    message: string,
    /** For Expired errors on a list: a token to continue inconsistently from the latest revision. */
    readonly continueToken?: string,
  ) {
    super(message);
    this.name = "StorageError";
  }
}

export function isStorageError(err: unknown, code?: StorageErrorCode): err is StorageError {
  return err instanceof StorageError && (code === undefined || err.code === code);
}

/** The message upstream sends when a continue token's revision was compacted. */
export const CONTINUE_EXPIRED_MSG =
  "The provided continue parameter is too old to display a consistent list result. " +
  "You can start a new list without the continue parameter, or use the continue token in this response " +
  "to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent " +
  "list - objects that were created, modified, or deleted between the time the first chunk was returned " +
  "and now may show up in the list.";

/**
 * Turn a storage failure into the API error for `resource`/`name`.
 * Errors that are already StatusErrors pass through unchanged; anything
 * unknown becomes a 500 InternalError.
 */
export function interpretStorageError(
  err: unknown,
  resource: GroupResource,
  name: string,
  operation: "get" | "list" | "watch" | "create" | "update" | "delete" = "get",
): Error {
  if (err instanceof StatusError) return err;
  if (!(err instanceof StorageError)) return newInternalError(err);
  switch (err.code) {
    case "KeyNotFound":
      return newNotFound(resource, name);
    case "KeyExists":
      return newAlreadyExists(resource, name);
    case "Conflict":
      return newConflict(resource, name, err.message || OPTIMISTIC_LOCK_ERROR_MSG);
    case "Expired":
      return newResourceExpired(err.message, err.continueToken);
    case "ResourceVersionTooLarge":
      return newTimeoutError(err.message, 1, [{ reason: "ResourceVersionTooLarge", message: err.message }]);
    case "Unavailable":
      // upstream: an unreachable etcd is a ServerTimeout the client may retry.
      return newServerTimeout(resource, operation, 2);
    case "CorruptObject":
    case "InvalidObject":
      return newInternalError(err);
  }
}
