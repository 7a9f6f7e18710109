// Whom a binding's subject names (upstream: appliesToUser in
// pkg/registry/rbac/validation/rule.go), and the keys the in-memory policy
// index files bindings under.
//
//   User "alice"                      the user named alice
//   Group "dev"                       every user in the group dev
//   ServiceAccount "builder" (ns x)   the user system:serviceaccount:x:builder; in a
//                                     RoleBinding the namespace defaults to the binding's
//
// Subjects of any other kind name no one.

import type { UserInfo } from "@tskube/generic-apiserver";
import { GROUP_KIND, SERVICE_ACCOUNT_KIND, type Subject, USER_KIND } from "../apis/rbac/v1/binding/schema.js";
import { serviceAccountUserName } from "../serviceaccount/token-issuer.js";

/** The user name a subject stands for (a service account is a user), or undefined when it names none. */
function subjectUserName(subject: Subject, bindingNamespace: string): string | undefined {
  if (subject.kind === USER_KIND) return subject.name;
  if (subject.kind !== SERVICE_ACCOUNT_KIND) return undefined;
  const namespace = subject.namespace || bindingNamespace;
  return namespace === "" ? undefined : serviceAccountUserName(namespace, subject.name);
}

/** `bindingNamespace` is "" for a ClusterRoleBinding. */
export function appliesToUser(user: UserInfo, subject: Subject, bindingNamespace: string): boolean {
  if (subject.kind === GROUP_KIND) return user.groups.includes(subject.name);
  const name = subjectUserName(subject, bindingNamespace);
  return name !== undefined && name === user.name;
}

/** The first of the subjects that names the user. */
export function firstApplyingSubject(user: UserInfo, subjects: readonly Subject[] | undefined, bindingNamespace: string): Subject | undefined {
  return (subjects ?? []).find((s) => appliesToUser(user, s, bindingNamespace));
}

/** The index key of a subject: one per user name, one per group; undefined for subjects that name no one. */
export function subjectKey(subject: Subject, bindingNamespace: string): string | undefined {
  if (subject.kind === GROUP_KIND) return `group:${subject.name}`;
  const name = subjectUserName(subject, bindingNamespace);
  return name === undefined ? undefined : `user:${name}`;
}

/** The keys under which bindings that name this user are filed. */
export function userKeys(user: UserInfo): string[] {
  return [`user:${user.name}`, ...user.groups.map((g) => `group:${g}`)];
}

/** How a reason names a subject: `User "alice"`, `ServiceAccount "builder/x"` (name/namespace). */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === SERVICE_ACCOUNT_KIND) return `${subject.kind} ${JSON.stringify(`${subject.name}/${subject.namespace || bindingNamespace}`)}`;
  return `${subject.kind} ${JSON.stringify(subject.name)}`;
}
