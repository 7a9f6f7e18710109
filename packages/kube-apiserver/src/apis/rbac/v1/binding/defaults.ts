// What the server fills in when a binding is decoded (upstream:
// SetDefaults_RoleBinding, SetDefaults_ClusterRoleBinding, SetDefaults_Subject):
// the role's group, and each subject's group from its kind.

import { RBAC_GROUP } from "../policy-rule/schema.js";
import { GROUP_KIND, type RoleRef, type Subject, USER_KIND } from "./schema.js";

export interface Binding {
  roleRef: RoleRef;
  subjects?: Subject[] | undefined;
}

export function applyBindingDefaults(binding: Binding): void {
  if (binding.roleRef.apiGroup === "") binding.roleRef.apiGroup = RBAC_GROUP;
  for (const subject of binding.subjects ?? []) {
    if (subject.apiGroup !== undefined && subject.apiGroup !== "") continue;
    if (subject.kind === USER_KIND || subject.kind === GROUP_KIND) subject.apiGroup = RBAC_GROUP;
    else delete subject.apiGroup; // ServiceAccount's group is "", which is not written
  }
}
