// The apps API group, version v1, served under /apis/apps/v1 (upstream:
// pkg/registry/apps/rest/storage_apps.go): the workload kinds and the
// ControllerRevisions their controllers record. Each kind lives in its own
// folder; what the workloads share is in workload/.

import type { KubeObject } from "@tskube/apimachinery";
import type { APIGroupInfo, ResourceDefinition } from "@tskube/generic-apiserver";
import { registryStoreFor } from "../../../registry/registry-store.js";
import type { StorageFactory } from "../../../registry/storage-factory.js";
import { controllerRevisionDefinition } from "./controllerrevision/definition.js";
import { daemonSetDefinition } from "./daemonset/definition.js";
import { deploymentDefinition } from "./deployment/definition.js";
import { replicaSetDefinition } from "./replicaset/definition.js";
import { statefulSetDefinition } from "./statefulset/definition.js";

/** The resources of apps/v1, in the order discovery lists them. */
export const appsV1Definitions: readonly ResourceDefinition<KubeObject>[] = [
  controllerRevisionDefinition,
  daemonSetDefinition,
  deploymentDefinition,
  replicaSetDefinition,
  statefulSetDefinition,
];

export function appsAPIGroupInfo(storage: StorageFactory): APIGroupInfo {
  return {
    name: "apps",
    versions: [{ version: "v1", resources: appsV1Definitions.map((def) => registryStoreFor(def, storage)) }],
  };
}
