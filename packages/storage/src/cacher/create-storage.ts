// The switch between a cached and an uncached resource: what the registry
// calls for each resource type. The watch cache is on by default; the binary's
// `--watch-cache=false` will turn it off (upstream: StorageWithCacher).

import type { KubeObject } from "@tskube/apimachinery";
import type { Storage } from "../interfaces.js";
import type { Store } from "../store/store.js";
import { Cacher } from "./cacher.js";
import type { CacherOptions } from "./options.js";

export interface WatchCacheConfig {
  /** `--watch-cache`: serve watches and most lists from memory. Default true. */
  enabled?: boolean;
  /** Tuning shared by every resource's cacher. */
  cacher?: Omit<CacherOptions, "resourcePrefix">;
}

export interface ResourceStorageConfig<T extends KubeObject> {
  store: Store<T>;
  /** The resource's key prefix, e.g. `/pods`. */
  resourcePrefix: string;
  watchCache?: WatchCacheConfig;
}

export interface ResourceStorage<T extends KubeObject> {
  storage: Storage<T>;
  /** Stop the cacher, if there is one (the store itself belongs to the caller). */
  destroy(): void;
}

/** The Storage for one resource: a Cacher in front of `store`, or the store itself when the cache is off. */
export function createStorage<T extends KubeObject>(config: ResourceStorageConfig<T>): ResourceStorage<T> {
  if (config.watchCache?.enabled === false) return { storage: config.store, destroy: () => {} };
  const cacher = newCacher(config.store, { ...config.watchCache?.cacher, resourcePrefix: config.resourcePrefix });
  return { storage: cacher, destroy: () => cacher.stop() };
}

/** A Cacher for one resource in front of `store`; it starts listing and watching at once. */
export function newCacher<T extends KubeObject>(store: Store<T>, opts: CacherOptions): Cacher<T> {
  return new Cacher<T>(store, opts);
}
