// @tskube/storage: the Storage interface, the kv drivers (etcd3, embedded
// SQLite), the object store over them, and the compactor.
export type * from "./interfaces.js";
export * from "./errors.js";
export type * from "./kv/types.js";
export { prefixEnd } from "./kv/types.js";
export * from "./kv/errors.js";
export { Store, type StoreOptions } from "./store/store.js";
export { encodeObject, decodeObject } from "./store/codec.js";
export { parseResourceVersion } from "./store/resource-version.js";
export { encodeContinue, decodeContinue } from "./store/continue-token.js";
export { defaultObjectAttrs, predicateMatches, predicateIsEverything } from "./store/predicate.js";
export { bookmarkObject, INITIAL_EVENTS_END_ANNOTATION } from "./store/watch.js";
export { EventChannel } from "./watch/channel.js";
export { startCompactor, type Compactor, type CompactorOptions } from "./compactor.js";
export {
  EmbeddedDriver,
  openEmbeddedDriver,
  type EmbeddedDriverOptions,
  DataDirectoryInUseError,
} from "./kv/embedded/index.js";
export * from "./cacher/index.js";
export { createEtcd3Driver, Etcd3Driver, type Etcd3DriverOptions, parseEndpoints } from "./kv/etcd3/index.js";
