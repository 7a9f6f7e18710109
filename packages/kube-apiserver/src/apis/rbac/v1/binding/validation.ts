// Validation of RoleBindings and ClusterRoleBindings (upstream:
// ValidateRoleBinding, ValidateClusterRoleBinding and their updates in
// pkg/apis/rbac/validation): the role is a Role or ClusterRole of
// rbac.authorization.k8s.io (a ClusterRoleBinding may only name a
// ClusterRole) and never changes; every subject has a name, a known kind and
// that kind's group; a ClusterRoleBinding's service accounts need a namespace.

import { type FieldError, FieldPath, invalid, isDNS1123Subdomain, notSupported, required } from "@tskube/apimachinery";
import { validatePathSegmentName } from "@tskube/generic-apiserver";
import { invalidGo } from "../../../apps/v1/workload/go-value.js";
import { RBAC_GROUP } from "../policy-rule/schema.js";
import type { Binding } from "./defaults.js";
import { GROUP_KIND, type RoleRef, SERVICE_ACCOUNT_KIND, type Subject, USER_KIND } from "./schema.js";

/** Role and binding names: any valid path segment, as upstream's minimalNameRequirements (generateName is held to the same rule). */
export const rbacNameRequirements = (name: string): string[] => validatePathSegmentName(name, false);

export function validateBinding(binding: Binding, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = binding.roleRef;
  const refPath = FieldPath.root("roleRef");
  if (ref.apiGroup !== RBAC_GROUP) errs.push(notSupported(refPath.child("apiGroup"), ref.apiGroup, [RBAC_GROUP]));
  const kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"];
  if (!kinds.includes(ref.kind)) errs.push(notSupported(refPath.child("kind"), ref.kind, kinds));
  if (ref.name === "") errs.push(required(refPath.child("name")));
  else for (const msg of rbacNameRequirements(ref.name)) errs.push(invalid(refPath.child("name"), ref.name, msg));

  (binding.subjects ?? []).forEach((subject, i) => errs.push(...validateSubject(subject, namespaced, FieldPath.root("subjects").index(i))));
  return errs;
}

function validateSubject(subject: Subject, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (subject.name === "") errs.push(required(path.child("name")));
  const group = subject.apiGroup ?? "";
  switch (subject.kind) {
    case SERVICE_ACCOUNT_KIND:
      if (subject.name !== "") for (const msg of isDNS1123Subdomain(subject.name)) errs.push(invalid(path.child("name"), subject.name, msg));
      if (group !== "") errs.push(notSupported(path.child("apiGroup"), group, [""]));
      if (!namespaced && (subject.namespace ?? "") === "") errs.push(required(path.child("namespace")));
      break;
    case USER_KIND:
    case GROUP_KIND:
      if (subject.name === "") errs.push(invalid(path.child("name"), subject.name, `${subject.kind === USER_KIND ? "user" : "group"} name cannot be empty`));
      if (group !== RBAC_GROUP) errs.push(notSupported(path.child("apiGroup"), group, [RBAC_GROUP]));
      break;
    default:
      // Listed in upstream's order.
      errs.push(notSupported(path.child("kind"), subject.kind, [SERVICE_ACCOUNT_KIND, USER_KIND, GROUP_KIND]));
  }
  return errs;
}

/** The roleRef of a binding is fixed for its life. */
export function validateRoleRefUnchanged(binding: Binding, old: Binding): FieldError[] {
  const a = binding.roleRef;
  const b = old.roleRef;
  if (a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name) return [];
  return [invalidGo(FieldPath.root("roleRef"), goRoleRef(a), "cannot change roleRef")];
}

/** A RoleRef as Go's `%#v` prints upstream's internal type. */
function goRoleRef(ref: RoleRef): string {
  return `rbac.RoleRef{APIGroup:${JSON.stringify(ref.apiGroup)}, Kind:${JSON.stringify(ref.kind)}, Name:${JSON.stringify(ref.name)}}`;
}
