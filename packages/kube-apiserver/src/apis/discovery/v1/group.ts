// The discovery.k8s.io group, version v1 (upstream: pkg/registry/discovery/rest):
// endpointslices.

import type { APIGroupInfo } from "@tskube/generic-apiserver";
import { registryStoreFor } from "../../../registry/registry-store.js";
import type { StorageFactory } from "../../../registry/storage-factory.js";
import { endpointSliceDefinition } from "./endpointslice/definition.js";

export function discoveryAPIGroupInfo(storage: StorageFactory): APIGroupInfo {
  return { name: "discovery.k8s.io", versions: [{ version: "v1", resources: [registryStoreFor(endpointSliceDefinition, storage)] }] };
}
