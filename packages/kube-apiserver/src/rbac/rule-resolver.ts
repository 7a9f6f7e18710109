// Which rules apply to a user in a namespace (upstream: DefaultRuleResolver
// in pkg/registry/rbac/validation/rule.go): the rules of the roles that
// every ClusterRoleBinding naming the user grants, then, in a namespace, of
// the RoleBindings there naming the user (a RoleBinding may grant a
// ClusterRole's rules within its namespace).
//
// The policy comes from a PolicyReader: the authorizer's in-memory index
// (fed by watches), or a snapshot read from storage for escalation checks.
// A binding whose role is missing contributes an error, not rules; the rules
// found are still valid, since RBAC only ever adds permissions.

import type { UserInfo } from "@tskube/generic-apiserver";
import type { RoleRef, Subject } from "../apis/rbac/v1/binding/schema.js";
import type { ClusterRole } from "../apis/rbac/v1/clusterrole/schema.js";
import type { ClusterRoleBinding } from "../apis/rbac/v1/clusterrolebinding/schema.js";
import type { PolicyRule } from "../apis/rbac/v1/policy-rule/schema.js";
import type { Role } from "../apis/rbac/v1/role/schema.js";
import type { RoleBinding } from "../apis/rbac/v1/rolebinding/schema.js";
import { describeSubject, firstApplyingSubject } from "./subjects.js";

export interface PolicyReader {
  /** ClusterRoleBindings that may name the user (more is fine: each is checked). */
  clusterRoleBindingsFor(user: UserInfo): Iterable<ClusterRoleBinding>;
  /** RoleBindings of the namespace that may name the user. */
  roleBindingsFor(user: UserInfo, namespace: string): Iterable<RoleBinding>;
  role(namespace: string, name: string): Role | undefined;
  clusterRole(name: string): ClusterRole | undefined;
  /**
   * How a missing role is reported. Upstream's authorizer reads listers
   * (`role.rbac.authorization.k8s.io "x" not found`), its escalation checks
   * the registry (`roles.rbac.authorization.k8s.io "x" not found`).
   */
  notFoundMessage(kind: "Role" | "ClusterRole", name: string): string;
}

/** The binding (and its subject naming the user) a rule came through. */
export interface RuleSource {
  binding: ClusterRoleBinding | RoleBinding;
  /** "" for a ClusterRoleBinding. */
  namespace: string;
  subject: Subject;
}

/** `ClusterRoleBinding "admins" of ClusterRole "cluster-admin" to Group "system:masters"`, as upstream's reasons say. */
export function describeSource(source: RuleSource): string {
  const { binding, namespace, subject } = source;
  const what = namespace === "" ? `ClusterRoleBinding ${JSON.stringify(binding.metadata.name ?? "")}` : `RoleBinding ${JSON.stringify(`${binding.metadata.name ?? ""}/${namespace}`)}`;
  return `${what} of ${binding.roleRef.kind} ${JSON.stringify(binding.roleRef.name)} to ${describeSubject(subject, namespace)}`;
}

/** Called with each rule (and its source) or each error; returning false stops the visit. */
export type RuleVisitor = (visit: { rule: PolicyRule; source: RuleSource } | { error: string }) => boolean;

/** The rules a role reference grants, or the error resolving it. `bindingNamespace` is "" for ClusterRoleBindings. */
export function roleRefRules(policy: PolicyReader, ref: RoleRef, bindingNamespace: string): PolicyRule[] | { error: string } {
  switch (ref.kind) {
    case "Role": {
      const role = policy.role(bindingNamespace, ref.name);
      return role ? (role.rules ?? []) : { error: policy.notFoundMessage("Role", ref.name) };
    }
    case "ClusterRole": {
      const role = policy.clusterRole(ref.name);
      return role ? (role.rules ?? []) : { error: policy.notFoundMessage("ClusterRole", ref.name) };
    }
    default:
      return { error: `unsupported role reference kind: ${JSON.stringify(ref.kind)}` };
  }
}

export function visitRulesFor(policy: PolicyReader, user: UserInfo, namespace: string, visitor: RuleVisitor): void {
  const visitBinding = (binding: ClusterRoleBinding | RoleBinding, bindingNamespace: string): boolean => {
    const subject = firstApplyingSubject(user, binding.subjects, bindingNamespace);
    if (subject === undefined) return true;
    const rules = roleRefRules(policy, binding.roleRef, bindingNamespace);
    if (!Array.isArray(rules)) return visitor(rules);
    const source: RuleSource = { binding, namespace: bindingNamespace, subject };
    return rules.every((rule) => visitor({ rule, source }));
  };
  for (const binding of policy.clusterRoleBindingsFor(user)) {
    if (!visitBinding(binding, "")) return;
  }
  if (namespace === "") return;
  for (const binding of policy.roleBindingsFor(user, namespace)) {
    if (!visitBinding(binding, namespace)) return;
  }
}

/** Every rule that applies, and the errors met on the way. */
export function rulesFor(policy: PolicyReader, user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRulesFor(policy, user, namespace, (v) => {
    if ("error" in v) errors.push(v.error);
    else rules.push(v.rule);
    return true;
  });
  return { rules, errors };
}

