// The policy API group, version v1 (upstream: pkg/registry/policy/rest/storage_policy.go).

import type { KubeObject } from "@tskube/apimachinery";
import type { APIGroupInfo, ResourceDefinition } from "@tskube/generic-apiserver";
import { registryStoreFor } from "../../../registry/registry-store.js";
import type { StorageFactory } from "../../../registry/storage-factory.js";
import { podDisruptionBudgetDefinition } from "./poddisruptionbudget/definition.js";

export const policyV1Definitions: readonly ResourceDefinition<KubeObject>[] = [podDisruptionBudgetDefinition];

export function policyAPIGroupInfo(storage: StorageFactory): APIGroupInfo {
  return { name: "policy", versions: [{ version: "v1", resources: policyV1Definitions.map((def) => registryStoreFor(def, storage)) }] };
}
