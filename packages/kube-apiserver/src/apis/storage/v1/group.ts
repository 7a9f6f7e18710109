// The storage.k8s.io group, version v1 (upstream: pkg/registry/storage/rest):
// storageclasses so far.

import type { APIGroupInfo } from "@tskube/generic-apiserver";
import { registryStoreFor } from "../../../registry/registry-store.js";
import type { StorageFactory } from "../../../registry/storage-factory.js";
import { storageClassDefinition } from "./storageclass/definition.js";

export function storageAPIGroupInfo(storage: StorageFactory): APIGroupInfo {
  return { name: "storage.k8s.io", versions: [{ version: "v1", resources: [registryStoreFor(storageClassDefinition, storage)] }] };
}
