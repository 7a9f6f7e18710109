// The networking.k8s.io group, version v1 (upstream: pkg/registry/networking/rest):
// ingresses, ingressclasses and networkpolicies.

import type { KubeObject } from "@tskube/apimachinery";
import type { APIGroupInfo, ResourceDefinition } from "@tskube/generic-apiserver";
import { registryStoreFor } from "../../../registry/registry-store.js";
import type { StorageFactory } from "../../../registry/storage-factory.js";
import { ingressDefinition } from "./ingress/definition.js";
import { ingressClassDefinition } from "./ingressclass/definition.js";
import { networkPolicyDefinition } from "./networkpolicy/definition.js";

/** The resources of networking.k8s.io/v1, in the order discovery lists them. */
export const networkingV1Definitions: readonly ResourceDefinition<KubeObject>[] = [
  ingressClassDefinition,
  ingressDefinition,
  networkPolicyDefinition,
];

export function networkingAPIGroupInfo(storage: StorageFactory): APIGroupInfo {
  return {
    name: "networking.k8s.io",
    versions: [{ version: "v1", resources: networkingV1Definitions.map((def) => registryStoreFor(def, storage)) }],
  };
}
