// The coordination.k8s.io API group, version v1 (upstream: pkg/registry/coordination/rest/storage_coordination.go).

import type { KubeObject } from "@tskube/apimachinery";
import type { APIGroupInfo, ResourceDefinition } from "@tskube/generic-apiserver";
import { registryStoreFor } from "../../../registry/registry-store.js";
import type { StorageFactory } from "../../../registry/storage-factory.js";
import { leaseDefinition } from "./lease/definition.js";

export const coordinationV1Definitions: readonly ResourceDefinition<KubeObject>[] = [leaseDefinition];

export function coordinationAPIGroupInfo(storage: StorageFactory): APIGroupInfo {
  return { name: "coordination.k8s.io", versions: [{ version: "v1", resources: coordinationV1Definitions.map((def) => registryStoreFor(def, storage)) }] };
}
