// Does one RBAC rule allow a request? (upstream: RuleAllows in
// plugin/pkg/auth/authorizer/rbac and the matchers of pkg/apis/rbac/v1).
//
//   verbs            the request's verb, or `*`
//   apiGroups        the request's group ("" is core), or `*`
//   resources        `pods`, `pods/log` for a subresource, `*`, or `*/scale` (that subresource of anything)
//   resourceNames    empty (any object), or the request's name
//   nonResourceURLs  the exact path, `*`, or a prefix ending in `*` (`/healthz/*`)

import type { AuthorizationAttributes } from "@tskube/generic-apiserver";
import { API_GROUP_ALL, NON_RESOURCE_ALL, type PolicyRule, RESOURCE_ALL, VERB_ALL } from "../apis/rbac/v1/policy-rule/schema.js";

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === VERB_ALL || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === API_GROUP_ALL || g === group);
}

/** `combined` is `resource` or `resource/subresource`. */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  return (rule.resources ?? []).some(
    (r) => r === RESOURCE_ALL || r === combined || (subresource !== "" && r.length === subresource.length + 2 && r.startsWith("*/") && r.endsWith(subresource)),
  );
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

/** An owner's URL pattern covers a path: equal, or a `*`-terminated prefix of it. */
export function nonResourceURLCovers(pattern: string, path: string): boolean {
  return pattern === path || (pattern.endsWith("*") && path.startsWith(pattern.replace(/\*+$/, "")));
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((url) => url === NON_RESOURCE_ALL || nonResourceURLCovers(url, path));
}

export function ruleAllows(attrs: AuthorizationAttributes, rule: PolicyRule): boolean {
  if (!verbMatches(rule, attrs.verb)) return false;
  if (!attrs.isResourceRequest) return nonResourceURLMatches(rule, attrs.path);
  const combined = attrs.subresource === "" ? attrs.resource : `${attrs.resource}/${attrs.subresource}`;
  return apiGroupMatches(rule, attrs.apiGroup) && resourceMatches(rule, combined, attrs.subresource) && resourceNameMatches(rule, attrs.name);
}
