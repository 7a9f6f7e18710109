// What the REST handlers call: upstream's rest.Getter, Lister, Creater,
// Updater, GracefulDeleter, CollectionDeleter and Watcher in one interface.
// The generic registry Store implements it for every resource.

import type { DeleteOptions, FieldSelector, KubeObject, LabelSelector, ListMeta } from "@tskube/apimachinery";
import type { Preconditions, ResourceVersionMatch, Watch } from "@tskube/storage";
import type { UserInfo } from "../authentication/user.js";
import type { ResourceDefinition } from "./resource.js";

/**
 * Checks the registry runs on the final object just before it is written,
 * after the strategy's own validation (upstream: rest.ValidateObjectFunc,
 * ValidateObjectUpdateFunc). The REST handlers put the validating admission
 * plugins here; a check refuses the write by throwing (its StatusError is
 * what the client gets). They run for dry runs too.
 */
export interface WriteValidation {
  /** A new object (a create, or an update that creates). */
  create?(obj: KubeObject): Promise<void>;
  /** An updated object and the stored one. */
  update?(obj: KubeObject, old: KubeObject): Promise<void>;
  /** The stored object a delete is about to remove or mark. */
  delete?(old: KubeObject): Promise<void>;
}

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
  /** Checks to run just before writing (validating admission). Storage wrappers pass the scope on, and with it these. */
  validation?: WriteValidation;
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

/**
 * The storage of a custom subresource (ResourceDefinition.subresources.custom):
 * one method per verb it declares (`patch` is served through `update`).
 * Its methods run the request's `scope.validation` themselves where they
 * write (the registry store's methods they call do).
 */
export interface CustomSubresourceStorage {
  get?(scope: RequestScope, name: string): Promise<KubeObject>;
  update?(scope: RequestScope, name: string, objInfo: UpdatedObjectInfo<KubeObject>): Promise<{ object: KubeObject; created: boolean }>;
  /**
   * POST to the subresource of object `name` (pods/binding, serviceaccounts/token).
   * Returns what the client gets with 201: an object, or a Success Status.
   */
  create?(scope: RequestScope, name: string, obj: KubeObject): Promise<KubeObject>;
}

/** A resource with its subresources, as installed in an API group version. */
export interface ResourceStorage<T extends KubeObject = KubeObject> {
  main: RESTStorage<T>;
  status?: SubresourceStorage<T>;
  scale?: SubresourceStorage<KubeObject>;
  /** The storage of each custom subresource the definition declares, by name. */
  subresources?: Record<string, CustomSubresourceStorage>;
}
