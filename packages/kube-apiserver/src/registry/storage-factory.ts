// Storage for every resource of the server, from one kv driver (upstream:
// the StorageFactory behind each resource's RESTOptions).
//
// Every resource's object Store shares the kv driver and the key prefix
// (`--etcd-prefix`); in front of it, a watch cache (Cacher) per resource
// unless `--watch-cache=false`.

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
  private readonly destroyers: (() => void)[] = [];

  constructor(opts: StorageFactoryOptions) {
    this.kv = opts.kv;
    this.pathPrefix = opts.pathPrefix;
    this.watchCache = opts.watchCache ?? {};
  }

  /** The storage of the resource whose keys start with `resourcePrefix` (`/configmaps`). */
  storageFor<T extends KubeObject>(resourcePrefix: string): Storage<T> {
    const store = new Store<T>({ kv: this.kv, ...(this.pathPrefix !== undefined ? { pathPrefix: this.pathPrefix } : {}) });
    const created = createStorage({ store, resourcePrefix, watchCache: this.watchCache });
    this.destroyers.push(created.destroy);
    return created.storage;
  }

  /**
   * A Store without a watch cache, for records the server itself reads and
   * writes with compare-and-swap (the service allocation ranges); keys are
   * full paths under the prefix, such as `/ranges/serviceips`.
   */
  uncachedStorage<T extends KubeObject>(): Storage<T> {
    return new Store<T>({ kv: this.kv, ...(this.pathPrefix !== undefined ? { pathPrefix: this.pathPrefix } : {}) });
  }

  /** Stops every watch cache. The kv driver belongs to the caller. */
  destroy(): void {
    for (const destroy of this.destroyers.splice(0)) destroy();
  }
}
