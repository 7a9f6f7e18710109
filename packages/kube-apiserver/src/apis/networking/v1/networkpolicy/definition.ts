// The networkpolicies resource of networking.k8s.io/v1, as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { type NetworkPolicy, NetworkPolicySchema } from "./schema.js";
import { networkPolicyStrategy } from "./strategy.js";
import { networkPolicyColumns } from "./table.js";

export const networkPolicyDefinition: ResourceDefinition<NetworkPolicy> = {
  group: "networking.k8s.io",
  version: "v1",
  kind: "NetworkPolicy",
  resource: "networkpolicies",
  singular: "networkpolicy",
  shortNames: ["netpol"],
  namespaced: true,
  verbs: ALL_VERBS,
  schema: NetworkPolicySchema,
  strategy: networkPolicyStrategy,
  tableColumns: networkPolicyColumns,
  description: "Which traffic a set of pods may receive and send.",
};
