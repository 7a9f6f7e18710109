// The clusterroles resource of rbac.authorization.k8s.io/v1 (cluster-scoped), as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { RBAC_GROUP } from "../policy-rule/schema.js";
import { createdAtColumns } from "../role/table.js";
import { type ClusterRole, ClusterRoleSchema } from "./schema.js";
import { clusterRoleStrategy } from "./strategy.js";

export const clusterRoleDefinition: ResourceDefinition<ClusterRole> = {
  group: RBAC_GROUP,
  version: "v1",
  kind: "ClusterRole",
  resource: "clusterroles",
  singular: "clusterrole",
  namespaced: false,
  verbs: ALL_VERBS,
  schema: ClusterRoleSchema,
  strategy: clusterRoleStrategy,
  tableColumns: createdAtColumns<ClusterRole>(),
  ageColumn: false,
  description: "Permissions across the cluster, or reusable in any namespace.",
};
