// The registry store of one built-in resource on the server's storage
// (upstream: each resource's REST storage built from a RESTOptionsGetter).
// Every built-in group builds its stores with this one function, so the
// rules shared by all of them (object TTLs, garbage-collection finalizers)
// live in one place.

import type { KubeObject } from "@tskube/apimachinery";
import { type RegistryResourceStorage, type ResourceDefinition, type ResourceStorage, createRegistryStore } from "@tskube/generic-apiserver";
import type { Storage } from "@tskube/storage";
import type { StorageFactory } from "./storage-factory.js";

export interface BuiltinStoreOptions<T extends KubeObject = KubeObject> {
  /** Objects expire this many seconds after their last write (events: one hour). */
  ttlSeconds?: number;
  /**
   * Where the objects are kept, when not in the resource's own storage
   * (`/<resource>` of the factory): events.k8s.io/v1 Events live in the core
   * events' storage, converted on the way (see converted-storage.ts).
   */
  storage?: Storage<T>;
  /** A further condition before an update that empties the finalizers removes the object (namespaces: spec.finalizers). */
  shouldDeleteDuringUpdate?: (obj: T, old: T) => boolean;
}

/** The registry store of `def`, keyed under `/<resource>` in the factory's storage. */
export function registryStoreFor<T extends KubeObject>(
  def: ResourceDefinition<T>,
  storage: StorageFactory,
  opts: BuiltinStoreOptions<T> = {},
): RegistryResourceStorage<T> {
  return createRegistryStore(def, {
    storage: opts.storage ?? storage.storageFor<T>(`/${def.resource}`),
    // No garbage collector runs yet: do not record its finalizers (they would never be removed).
    garbageCollection: false,
    ...(opts.ttlSeconds !== undefined ? { ttlSeconds: opts.ttlSeconds } : {}),
    ...(opts.shouldDeleteDuringUpdate ? { shouldDeleteDuringUpdate: opts.shouldDeleteDuringUpdate } : {}),
  });
}

/**
 * The store through which the server's own controllers write `def` (the
 * `kubernetes` Endpoints and EndpointSlice): the same keys as the served
 * resource, read and written without a watch cache, and without the kind's
 * validation. The objects are the server's own, built from its
 * configuration; they point at its advertised address, which in this
 * project is a loopback one, and loopback addresses are what the kinds'
 * validation refuses from clients (as upstream's does). Everything else of
 * the registry (metadata, resourceVersions, preconditions) applies.
 */
export function systemWriterFor<T extends KubeObject>(def: ResourceDefinition<T>, storage: StorageFactory): ResourceStorage<T> {
  const { validate: _validate, validateUpdate: _validateUpdate, ...strategy } = def.strategy;
  return createRegistryStore({ ...def, strategy }, { storage: storage.uncachedStorage<T>(), garbageCollection: false });
}
