// convertedStorage lives in the generic library (custom resources use it
// too); this module keeps the import path the built-in groups use.
export { convertedStorage, type StorageConversion } from "@tskube/generic-apiserver";
