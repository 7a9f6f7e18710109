// Validation of a role's rules (upstream: validatePolicyRule in
// pkg/apis/rbac/validation): verbs always; a rule is about resources
// (groups and resources required, names only with one resource) or about
// non-resource URLs (cluster roles only), never both.

import { type FieldError, type FieldPath, required } from "@tskube/apimachinery";
import { goStringSlice, invalidGo } from "../../../apps/v1/workload/go-value.js";
import type { PolicyRule } from "./schema.js";

export function validatePolicyRule(rule: PolicyRule, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (rule.verbs.length === 0) errs.push(required(path.child("verbs"), "verbs must contain at least one value"));

  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    if (namespaced) errs.push(invalidGo(path.child("nonResourceURLs"), goStringSlice(urls), "namespaced rules cannot apply to non-resource URLs"));
    if ((rule.apiGroups ?? []).length > 0 || (rule.resources ?? []).length > 0 || (rule.resourceNames ?? []).length > 0) {
      errs.push(invalidGo(path.child("nonResourceURLs"), goStringSlice(urls), "rules cannot apply to both regular resources and non-resource URLs"));
    }
    return errs;
  }

  if ((rule.apiGroups ?? []).length === 0) errs.push(required(path.child("apiGroups"), "resource rules must supply at least one api group"));
  if ((rule.resources ?? []).length === 0) errs.push(required(path.child("resources"), "resource rules must supply at least one resource"));
  if ((rule.resourceNames ?? []).length > 0 && (rule.resources ?? []).length > 1) {
    errs.push(required(path.child("resourceNames"), "resource names cannot apply to multiple resources"));
  }
  return errs;
}

/** Every rule of a role, at `rules[i]`. */
export function validatePolicyRules(rules: readonly PolicyRule[] | null, namespaced: boolean, path: FieldPath): FieldError[] {
  return (rules ?? []).flatMap((rule, i) => validatePolicyRule(rule, namespaced, path.index(i)));
}
