// The watch cache: what the rest of the server uses of this folder.
export { Cacher, type CacherWatchOptions } from "./cacher.js";
export type { CacheWatch } from "./cache-watcher.js";
export type { CacherStats } from "./cacher.js";
export type { CacherOptions } from "./options.js";
export {
  createStorage,
  newCacher,
  type ResourceStorage,
  type ResourceStorageConfig,
  type WatchCacheConfig,
} from "./create-storage.js";
export {
  SharedWatchEvent,
  encodeWatchEvent,
  encodeWatchEventJSONLine,
  type WatchEventEncoder,
} from "./shared-event.js";
