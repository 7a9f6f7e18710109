// Validation of ClusterRoles (upstream: ValidateClusterRole): each rule is
// valid (non-resource URLs allowed), and an aggregationRule has at least one
// selector, each a valid label selector.

import { type FieldError, FieldPath, required, validateLabelSelector } from "@tskube/apimachinery";
import { validatePolicyRules } from "../policy-rule/validation.js";
import type { ClusterRole } from "./schema.js";

export function validateClusterRole(role: ClusterRole): FieldError[] {
  const errs = validatePolicyRules(role.rules, false, FieldPath.root("rules"));
  const aggregation = role.aggregationRule;
  if (aggregation !== undefined) {
    const path = FieldPath.root("aggregationRule", "clusterRoleSelectors");
    const selectors = aggregation.clusterRoleSelectors ?? [];
    if (selectors.length === 0) errs.push(required(path, "at least one clusterRoleSelector required if aggregationRule is non-nil"));
    selectors.forEach((selector, i) => errs.push(...validateLabelSelector(selector, path.index(i))));
  }
  return errs;
}
