// How ClusterRoles are written (upstream: pkg/registry/rbac/clusterrole/strategy.go):
// names are path segments, rules and aggregation rule valid, no generation.
// Who may write which rules is decided in front of the store (src/rbac/escalation-storage.ts).

import type { Strategy } from "@tskube/generic-apiserver";
import { dropGeneration } from "../../../../registry/generation.js";
import { rbacNameRequirements } from "../binding/validation.js";
import type { ClusterRole } from "./schema.js";
import { validateClusterRole } from "./validation.js";

export const clusterRoleStrategy: Strategy<ClusterRole> = {
  validateName: rbacNameRequirements,
  validate: validateClusterRole,
  validateUpdate: validateClusterRole,
  canonicalize: dropGeneration,
};
