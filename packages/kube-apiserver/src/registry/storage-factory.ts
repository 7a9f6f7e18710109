// The StorageFactory lives in the generic library, shared by every server of
// the chain; this module keeps the import path the built-in groups use.
export { StorageFactory, type StorageFactoryOptions } from "@tskube/generic-apiserver";
