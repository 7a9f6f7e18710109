// The clusterrolebindings resource of rbac.authorization.k8s.io/v1 (cluster-scoped), as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { bindingColumns } from "../binding/table.js";
import { RBAC_GROUP } from "../policy-rule/schema.js";
import { type ClusterRoleBinding, ClusterRoleBindingSchema } from "./schema.js";
import { clusterRoleBindingStrategy } from "./strategy.js";

export const clusterRoleBindingDefinition: ResourceDefinition<ClusterRoleBinding> = {
  group: RBAC_GROUP,
  version: "v1",
  kind: "ClusterRoleBinding",
  resource: "clusterrolebindings",
  singular: "clusterrolebinding",
  namespaced: false,
  verbs: ALL_VERBS,
  schema: ClusterRoleBindingSchema,
  strategy: clusterRoleBindingStrategy,
  tableColumns: bindingColumns<ClusterRoleBinding>(),
  description: "Grants a cluster role to subjects across the cluster.",
};
