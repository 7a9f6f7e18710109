// How ClusterRoleBindings are written (upstream:
// pkg/registry/rbac/clusterrolebinding/strategy.go and
// ValidateClusterRoleBinding): as RoleBindings, but only a ClusterRole may be
// named and service account subjects need their namespace.

import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { applyBindingDefaults } from "../binding/defaults.js";
import { rbacNameRequirements, validateBinding, validateRoleRefUnchanged } from "../binding/validation.js";
import type { ClusterRoleBinding } from "./schema.js";

export const clusterRoleBindingStrategy: Strategy<ClusterRoleBinding> = {
  validateName: rbacNameRequirements,
  applyDefaults: applyBindingDefaults,
  validate: (b) => validateBinding(b, false),
  validateUpdate: (b, old) => [...validateBinding(b, false), ...validateRoleRefUnchanged(b, old)],
  canonicalize: dropGeneration,
};
