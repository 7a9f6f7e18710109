// Storage for every resource of a server, from one kv driver (upstream: the
// StorageFactory behind each resource's RESTOptions, k8s.io/apiserver's
// server/storage). Every server of the chain is given the same factory, so
// all of them share one kv driver, one key prefix (`--etcd-prefix`) and one
// watch cache per resource.
//
// One Store, and unless `--watch-cache=false` one Cacher, per resource key
// prefix: asking twice for `/services` returns the same storage, so two
// readers of a resource (the core server's registry and the aggregator's
// service resolver, or core/v1 and events.k8s.io/v1 Events) share one watch
// of the kv store and one cache.

import type { KubeObject } from "@tskube/apimachinery";
import { type KvDriver, type Storage, Store, type WatchCacheConfig, createStorage } from "@tskube/storage";

export interface StorageFactoryOptions {
  kv: KvDriver;
  /** Prefix of every key (`--etcd-prefix`); default `/registry`. */
  pathPrefix?: string;
  /** `--watch-cache` and the cachers' tuning. Default: on. */
  watchCache?: WatchCacheConfig;
}

export class StorageFactory {
  readonly kv: KvDriver;
  readonly pathPrefix: string | undefined;
  private readonly watchCache: WatchCacheConfig;
  /** By resource key prefix; each entry's watch cache is stopped by destroy(). */
  private readonly storages = new Map<string, { storage: Storage<KubeObject>; destroy: () => void }>();

  constructor(opts: StorageFactoryOptions) {
    this.kv = opts.kv;
    this.pathPrefix = opts.pathPrefix;
    this.watchCache = opts.watchCache ?? {};
  }

  /**
   * The storage of the resource whose keys start with `resourcePrefix`
   * (`/configmaps`, `/apiregistration.k8s.io/apiservices`): made on first
   * use, the same one afterwards.
   */
  storageFor<T extends KubeObject>(resourcePrefix: string): Storage<T> {
    let entry = this.storages.get(resourcePrefix);
    if (entry === undefined) {
      const store = new Store<KubeObject>({ kv: this.kv, ...(this.pathPrefix !== undefined ? { pathPrefix: this.pathPrefix } : {}) });
      entry = createStorage({ store, resourcePrefix, watchCache: this.watchCache });
      this.storages.set(resourcePrefix, entry);
    }
    // Objects are stored as JSON; what type they are read as is the caller's (its schema decoded them on the way in).
    return entry.storage as unknown as Storage<T>;
  }

  /**
   * A Store without a watch cache, for records the server itself reads and
   * writes with compare-and-swap (the service allocation ranges); keys are
   * full paths under the prefix, such as `/ranges/serviceips`.
   */
  uncachedStorage<T extends KubeObject>(): Storage<T> {
    return new Store<T>({ kv: this.kv, ...(this.pathPrefix !== undefined ? { pathPrefix: this.pathPrefix } : {}) });
  }

  /**
   * Stops the watch cache of one resource and forgets its storage (a CRD
   * was deleted: its objects are gone and its prefix may be used again by a
   * new CRD of the same name). Open watches on it end. The stored keys stay.
   */
  release(resourcePrefix: string): void {
    const entry = this.storages.get(resourcePrefix);
    if (entry === undefined) return;
    this.storages.delete(resourcePrefix);
    entry.destroy();
  }

  /** Stops every watch cache. The kv driver belongs to the caller. */
  destroy(): void {
    for (const entry of this.storages.values()) entry.destroy();
    this.storages.clear();
  }
}
