// What the REST handlers call: upstream's rest.Getter, Lister, Creater,
// Updater, GracefulDeleter, CollectionDeleter and Watcher in one interface.
// The generic registry Store implements it for every resource.

import type { DeleteOptions, FieldSelector, KubeObject, LabelSelector, ListMeta } from "@tskube/apimachinery";
import type { Preconditions, ResourceVersionMatch, Watch } from "@tskube/storage";
import type { UserInfo } from "../authentication/user.js";
import type { ResourceDefinition } from "./resource.js";

/** What the registry needs to know about the request. */
export interface RequestScope {
  /** The request's namespace; "" for cluster-scoped resources and all-namespace lists. */
  namespace: string;
  user?: UserInfo;
  /** dryRun=All: run everything, persist nothing. */
  dryRun: boolean;
  /** The field manager (fieldManager parameter, else derived from the User-Agent). */
  fieldManager?: string;
  /** Warnings to return to the client. */
  warnings: string[];
  signal?: AbortSignal;
}

/** Parsed list/watch query parameters. */
export interface ListParams {
  labelSelector?: LabelSelector;
  fieldSelector?: FieldSelector;
  resourceVersion?: string;
  resourceVersionMatch?: ResourceVersionMatch;
  limit?: number;
  continue?: string;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
  timeoutSeconds?: number;
}

export interface ObjectList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

/**
 * The new object for an update, computed from the current one inside the
 * optimistic-concurrency loop: a PUT body ignores `current`; a PATCH applies
 * itself to it. `current` is null when the object does not exist.
 */
export interface UpdatedObjectInfo<T extends KubeObject = KubeObject> {
  updatedObject(current: T | null): Promise<T> | T;
  /**
   * Conditions the stored object must meet (a mismatch is a 409 Conflict).
   * A PUT passes the body's uid here, as upstream does.
   */
  preconditions?(): Preconditions | undefined;
}

export interface RESTStorage<T extends KubeObject = KubeObject> {
  readonly definition: ResourceDefinition<T>;
  get(scope: RequestScope, name: string, opts?: { resourceVersion?: string }): Promise<T>;
  list(scope: RequestScope, params: ListParams): Promise<ObjectList<T>>;
  watch(scope: RequestScope, params: ListParams): Promise<Watch<T>>;
  create(scope: RequestScope, obj: T): Promise<T>;
  /** `created` is true when the update created the object (201). */
  update(
    scope: RequestScope,
    name: string,
    objInfo: UpdatedObjectInfo<T>,
    opts?: { forceAllowCreate?: boolean },
  ): Promise<{ object: T; created: boolean }>;
  /** `deleted` is false when the object was only marked (finalizers pending). */
  delete(scope: RequestScope, name: string, opts: DeleteOptions): Promise<{ object: T; deleted: boolean }>;
  deleteCollection(scope: RequestScope, opts: DeleteOptions, params: ListParams): Promise<ObjectList<T>>;
}

/** get and update of a subresource (status: the same object; scale: an autoscaling/v1 Scale). */
export interface SubresourceStorage<S extends KubeObject = KubeObject> {
  get(scope: RequestScope, name: string): Promise<S>;
  update(scope: RequestScope, name: string, objInfo: UpdatedObjectInfo<S>): Promise<{ object: S; created: boolean }>;
}

/** A resource with its subresources, as installed in an API group version. */
export interface ResourceStorage<T extends KubeObject = KubeObject> {
  main: RESTStorage<T>;
  status?: SubresourceStorage<T>;
  scale?: SubresourceStorage<KubeObject>;
}
