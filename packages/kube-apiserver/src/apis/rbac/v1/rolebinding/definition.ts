// The rolebindings resource of rbac.authorization.k8s.io/v1, as the generic registry serves it.

import { ALL_VERBS, type ResourceDefinition } from "@tskube/generic-apiserver";
import { bindingColumns } from "../binding/table.js";
import { RBAC_GROUP } from "../policy-rule/schema.js";
import { type RoleBinding, RoleBindingSchema } from "./schema.js";
import { roleBindingStrategy } from "./strategy.js";

export const roleBindingDefinition: ResourceDefinition<RoleBinding> = {
  group: RBAC_GROUP,
  version: "v1",
  kind: "RoleBinding",
  resource: "rolebindings",
  singular: "rolebinding",
  namespaced: true,
  verbs: ALL_VERBS,
  schema: RoleBindingSchema,
  strategy: roleBindingStrategy,
  tableColumns: bindingColumns<RoleBinding>(),
  description: "Grants a role to subjects within a namespace.",
};
