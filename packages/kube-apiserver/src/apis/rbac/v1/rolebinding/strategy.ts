// How RoleBindings are written (upstream: pkg/registry/rbac/rolebinding/strategy.go
// and ValidateRoleBinding): defaults for the groups, a valid role reference
// that never changes, valid subjects, no generation. Whether the writer may
// grant the role is decided in front of the store (src/rbac/escalation-storage.ts).

import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { applyBindingDefaults } from "../binding/defaults.js";
import { rbacNameRequirements, validateBinding, validateRoleRefUnchanged } from "../binding/validation.js";
import type { RoleBinding } from "./schema.js";

export const roleBindingStrategy: Strategy<RoleBinding> = {
  validateName: rbacNameRequirements,
  applyDefaults: applyBindingDefaults,
  validate: (b) => validateBinding(b, true),
  validateUpdate: (b, old) => [...validateBinding(b, true), ...validateRoleRefUnchanged(b, old)],
  canonicalize: dropGeneration,
};
