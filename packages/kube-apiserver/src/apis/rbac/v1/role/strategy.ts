// How Roles are written (upstream: pkg/registry/rbac/role/strategy.go and
// ValidateRole): names are path segments, each rule is valid and about
// resources, no generation. Who may write which rules is decided by the
// escalation check in front of the store (src/rbac/escalation-storage.ts).

import { FieldPath } from "@tskube/apimachinery";
import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { rbacNameRequirements } from "../binding/validation.js";
import { validatePolicyRules } from "../policy-rule/validation.js";
import type { Role } from "./schema.js";

const validateRole = (role: Role) => validatePolicyRules(role.rules, true, FieldPath.root("rules"));

export const roleStrategy: Strategy<Role> = {
  validateName: rbacNameRequirements,
  validate: validateRole,
  validateUpdate: validateRole,
  canonicalize: dropGeneration,
};
