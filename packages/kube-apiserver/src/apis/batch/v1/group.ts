// The batch API group, version v1 (upstream: pkg/registry/batch/rest/storage_batch.go).

import type { KubeObject } from "@tskube/apimachinery";
import type { APIGroupInfo, ResourceDefinition } from "@tskube/generic-apiserver";
import { registryStoreFor } from "../../../registry/registry-store.js";
import type { StorageFactory } from "../../../registry/storage-factory.js";
import { cronJobDefinition } from "./cronjob/definition.js";
import { jobDefinition } from "./job/definition.js";

export const batchV1Definitions: readonly ResourceDefinition<KubeObject>[] = [cronJobDefinition, jobDefinition];

export function batchAPIGroupInfo(storage: StorageFactory): APIGroupInfo {
  return { name: "batch", versions: [{ version: "v1", resources: batchV1Definitions.map((def) => registryStoreFor(def, storage)) }] };
}
