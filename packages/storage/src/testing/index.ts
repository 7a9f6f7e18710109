// @tskube/storage/testing: helpers for tests of the storage layer and above.
export { startEtcdServer, type EtcdServer, type EtcdServerOptions } from "./etcd-server.js";
export {
  runStorageConformance,
  collectEvents,
  configMap,
  apiError,
  type ConformanceStack,
  type TestObject,
} from "./conformance.js";
