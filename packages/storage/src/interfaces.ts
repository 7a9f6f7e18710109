// The Storage interface: what the generic registry (and so every REST
// endpoint) needs from storage. Upstream calls it storage.Interface.
//
// Two implementations: the object `Store` (objects over a kv driver) and the
// `Cacher` (a watch cache in front of a Store). Both pass one conformance
// suite (src/testing/conformance.ts) on both kv drivers.
//
// Keys are paths without the storage prefix, e.g. `/pods/default/web-1`; a
// recursive list or watch takes a key prefix such as `/pods/default/`.

import type { FieldSelector, KubeObject, LabelSelector, Status } from "@tskube/apimachinery";

/** Conditions a write or delete checks against the current object (upstream: Preconditions). */
export interface Preconditions {
  uid?: string;
  resourceVersion?: string;
}

/** The labels and fields of an object that selectors match against. */
export interface ObjectAttrs {
  labels: Record<string, string>;
  fields: Record<string, string>;
}

/** Which objects a list or watch returns (upstream: SelectionPredicate). */
export interface SelectionPredicate<T extends KubeObject = KubeObject> {
  /** Absent = every label set matches. */
  label?: LabelSelector;
  /** Absent = every object matches. */
  field?: FieldSelector;
  /** Labels and selectable fields of an object; defaults to metadata.name and metadata.namespace. */
  getAttrs?: (obj: T) => ObjectAttrs;
  /** Page size for lists (0 or absent = everything). */
  limit?: number;
  /** Continue token from a previous page. */
  continue?: string;
}

/** How a list's resourceVersion is interpreted (metav1.ResourceVersionMatch). */
export type ResourceVersionMatch = "" | "Exact" | "NotOlderThan";

export interface GetOptions {
  /** "" = latest (consistent); "0" = any; "N" = not older than N. */
  resourceVersion?: string;
  /** Return null instead of throwing KeyNotFound. */
  ignoreNotFound?: boolean;
}

export interface ListOptions<T extends KubeObject = KubeObject> {
  /** "" = latest (consistent); "0" = any; "N" with a match rule, see ResourceVersionMatch. */
  resourceVersion?: string;
  resourceVersionMatch?: ResourceVersionMatch;
  predicate?: SelectionPredicate<T>;
  /** List every key under the prefix (true) or just the one key (false). Default true. */
  recursive?: boolean;
}

export interface ListResult<T> {
  items: T[];
  /** The revision the list was read at, as a resourceVersion. */
  resourceVersion: string;
  /** Set when more items remain: pass it back as `predicate.continue`. */
  continue?: string;
  /** Items after this page; only without label/field selectors, as upstream. */
  remainingItemCount?: number;
}

export interface WatchOptions<T extends KubeObject = KubeObject> {
  /** "" or "0" = start with the current state as ADDED events; "N" = changes after N. */
  resourceVersion?: string;
  predicate?: SelectionPredicate<T>;
  recursive?: boolean;
  /** Send BOOKMARK events carrying the current resourceVersion. */
  allowWatchBookmarks?: boolean;
  /**
   * Start with the current state as ADDED events, and (with allowWatchBookmarks)
   * end them with a BOOKMARK annotated `k8s.io/initial-events-end: "true"`.
   */
  sendInitialEvents?: boolean;
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";

export type WatchEvent<T extends KubeObject = KubeObject> =
  | { type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK"; object: T }
  | { type: "ERROR"; object: Status };

/**
 * A running watch: iterate it for events; `stop()` ends it (iteration then
 * finishes). An ERROR event (e.g. 410 Expired) is always the last one.
 */
export interface Watch<T extends KubeObject = KubeObject> extends AsyncIterable<WatchEvent<T>> {
  stop(): void;
}

/** Update function for guaranteedUpdate: returns the new object, or throws to abort. */
export type UpdateFunc<T> = (current: T | null) => T | Promise<T>;

export interface GuaranteedUpdateOptions<T> {
  preconditions?: Preconditions;
  /** When the key does not exist, call tryUpdate(null) and create it (else KeyNotFound). */
  ignoreNotFound?: boolean;
  /** Called with the current object (null if missing); may be called again after a conflict. */
  tryUpdate: UpdateFunc<T>;
  /** A possibly stale copy to try first (from the watch cache); saves a read on the happy path. */
  cachedExisting?: T;
  /** Lease the object to expire after this many seconds. */
  ttlSeconds?: number;
}

export interface DeleteOptions<T> {
  preconditions?: Preconditions;
  /** Checked against the current object just before deleting; throw to refuse. */
  validateDeletion?: (current: T) => void | Promise<void>;
  cachedExisting?: T;
}

export interface Storage<T extends KubeObject = KubeObject> {
  /** Store `obj` at `key`, which must not exist; returns it with resourceVersion set. */
  create(key: string, obj: T, opts?: { ttlSeconds?: number }): Promise<T>;

  /** Delete `key`; returns the object's last state. */
  delete(key: string, opts?: DeleteOptions<T>): Promise<T>;

  get(key: string, opts?: GetOptions & { ignoreNotFound?: false }): Promise<T>;
  get(key: string, opts: GetOptions & { ignoreNotFound: true }): Promise<T | null>;
  get(key: string, opts?: GetOptions): Promise<T | null>;

  getList(keyPrefix: string, opts?: ListOptions<T>): Promise<ListResult<T>>;

  watch(keyPrefix: string, opts?: WatchOptions<T>): Promise<Watch<T>>;

  /** Read-modify-write with optimistic concurrency: retries tryUpdate until the write wins. */
  guaranteedUpdate(key: string, opts: GuaranteedUpdateOptions<T>): Promise<T>;

  /** Number of objects under a key prefix. */
  count(keyPrefix: string): Promise<number>;

  /** The store's current revision: what a consistent read must be at least as fresh as. */
  currentResourceVersion(): Promise<number>;
}
