// The embedded kv driver: the default store when no etcd is configured.
export { EmbeddedDriver, openEmbeddedDriver, type EmbeddedDriverOptions } from "./driver.js";
export { DataDirectoryInUseError } from "./open-database.js";
