// The roles resource of rbac.authorization.k8s.io/v1, as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { RBAC_GROUP } from "../policy-rule/schema.js";
import { type Role, RoleSchema } from "./schema.js";
import { roleStrategy } from "./strategy.js";
import { createdAtColumns } from "./table.js";

export const roleDefinition: ResourceDefinition<Role> = {
  group: RBAC_GROUP,
  version: "v1",
  kind: "Role",
  resource: "roles",
  singular: "role",
  namespaced: true,
  verbs: ALL_VERBS,
  schema: RoleSchema,
  strategy: roleStrategy,
  tableColumns: createdAtColumns<Role>(),
  ageColumn: false,
  description: "Permissions within a namespace.",
};
