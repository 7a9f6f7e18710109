// Errors a kv driver reports. The object store turns them into StorageErrors.

/** The requested revision was compacted away (etcd: "mvcc: required revision has been compacted"). */
export class CompactedError extends Error {
  constructor(
    readonly requestedRevision: number,
    readonly compactedRevision: number,
  ) {
    super(`required revision ${requestedRevision} has been compacted (compacted revision ${compactedRevision})`);
    this.name = "CompactedError";
  }
}

/** The requested revision is newer than the store's (etcd: "mvcc: required revision is a future revision"). */
export class FutureRevisionError extends Error {
  constructor(
    readonly requestedRevision: number,
    readonly currentRevision: number,
  ) {
    super(`required revision ${requestedRevision} is a future revision (current revision ${currentRevision})`);
    this.name = "FutureRevisionError";
  }
}

/** The backing store could not be reached or did not answer in time. */
export class UnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UnavailableError";
  }
}
