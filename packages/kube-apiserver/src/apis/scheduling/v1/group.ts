// The scheduling.k8s.io API group, version v1 (upstream:
// pkg/registry/scheduling/rest/storage_scheduling.go). Its system priority
// classes are created at start by src/bootstrap/system-priority-classes.ts.

import type { KubeObject } from "@tskube/apimachinery";
import type { APIGroupInfo, ResourceDefinition } from "@tskube/generic-apiserver";
import { registryStoreFor } from "../../../registry/registry-store.js";
import type { StorageFactory } from "../../../registry/storage-factory.js";
import { priorityClassDefinition } from "./priorityclass/definition.js";

export const schedulingV1Definitions: readonly ResourceDefinition<KubeObject>[] = [priorityClassDefinition];

export function schedulingAPIGroupInfo(storage: StorageFactory): APIGroupInfo {
  return { name: "scheduling.k8s.io", versions: [{ version: "v1", resources: schedulingV1Definitions.map((def) => registryStoreFor(def, storage)) }] };
}
