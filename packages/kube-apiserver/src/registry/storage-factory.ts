// Storage for every resource of the server, from one kv driver (upstream:
// the StorageFactory behind each resource's RESTOptions).
//
// Every resource's object Store shares the kv driver and the key prefix
// (`--etcd-prefix`); in front of it, a watch cache (Cacher) per resource
// unless `--watch-cache=false`. Asking twice for a prefix returns the same
// storage: resources kept in one place (core/v1 and events.k8s.io/v1 Events,
// upstream's "cohabitating resources") share one Store and one watch cache.

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

  /** The storage of the resource whose keys start with `resourcePrefix` (`/configmaps`): made on first use, the same one afterwards. */
  storageFor<T extends KubeObject>(resourcePrefix: string): Storage<T> {
    let entry = this.storages.get(resourcePrefix);
    if (entry === undefined) {
      const store = new Store<KubeObject>({ kv: this.kv, ...(this.pathPrefix !== undefined ? { pathPrefix: this.pathPrefix } : {}) });
      entry = createStorage({ store, resourcePrefix, watchCache: this.watchCache });
      this.storages.set(resourcePrefix, entry);
    }
    // Objects are stored as JSON; the type they are read as is the caller's (its schema decoded them on the way in).
    return entry.storage as unknown as Storage<T>;
  }

  /** Stops every watch cache. The kv driver belongs to the caller. */
  destroy(): void {
    for (const entry of this.storages.values()) entry.destroy();
    this.storages.clear();
  }
}
