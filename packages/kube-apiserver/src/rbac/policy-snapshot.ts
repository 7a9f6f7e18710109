// The policy that applies to one user, read from storage (upstream: the
// escalation checks' rule resolver, built on the RBAC registries rather than
// on informers, so a check sees every write before it). Reads the
// ClusterRoleBindings, the namespace's RoleBindings and the roles the
// user's bindings name, then answers as a PolicyReader.

import { isNotFound, type KubeObject } from "@tskube/apimachinery";
import type { RESTStorage, RequestScope, UserInfo } from "@tskube/generic-apiserver";
import type { ClusterRole } from "../apis/rbac/v1/clusterrole/schema.js";
import type { ClusterRoleBinding } from "../apis/rbac/v1/clusterrolebinding/schema.js";
import type { PolicyRule } from "../apis/rbac/v1/policy-rule/schema.js";
import type { RoleRef } from "../apis/rbac/v1/binding/schema.js";
import type { Role } from "../apis/rbac/v1/role/schema.js";
import type { RoleBinding } from "../apis/rbac/v1/rolebinding/schema.js";
import type { PolicyReader } from "./rule-resolver.js";
import { firstApplyingSubject } from "./subjects.js";

/** The registry storage of the four RBAC resources. */
export interface RBACStorage {
  roles: RESTStorage<Role>;
  clusterRoles: RESTStorage<ClusterRole>;
  roleBindings: RESTStorage<RoleBinding>;
  clusterRoleBindings: RESTStorage<ClusterRoleBinding>;
}

const scopeFor = (namespace: string, signal?: AbortSignal): RequestScope => ({ namespace, dryRun: false, warnings: [], ...(signal ? { signal } : {}) });

/** A role from storage, or undefined when there is none. */
async function getRole<T extends KubeObject>(storage: RESTStorage<T>, namespace: string, name: string, signal?: AbortSignal): Promise<T | undefined> {
  try {
    return await storage.get(scopeFor(namespace, signal), name);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Upstream's registry NotFound: `roles.rbac.authorization.k8s.io "x" not found`. */
function notFoundMessage(kind: "Role" | "ClusterRole", name: string): string {
  return `${kind === "Role" ? "roles" : "clusterroles"}.rbac.authorization.k8s.io ${JSON.stringify(name)} not found`;
}

/** The rules a binding's roleRef grants, read from storage, or why they cannot be (upstream: GetRoleReferenceRules). */
export async function readRoleRefRules(storage: RBACStorage, ref: RoleRef, bindingNamespace: string, signal?: AbortSignal): Promise<PolicyRule[] | { error: string }> {
  if (ref.kind !== "Role" && ref.kind !== "ClusterRole") return { error: `unsupported role reference kind: ${JSON.stringify(ref.kind)}` };
  const role = ref.kind === "Role" ? await getRole(storage.roles, bindingNamespace, ref.name, signal) : await getRole(storage.clusterRoles, "", ref.name, signal);
  return role === undefined ? { error: notFoundMessage(ref.kind, ref.name) } : (role.rules ?? []);
}

class PolicySnapshot implements PolicyReader {
  /** The roles the bindings name, by `namespace/name`; undefined for one that does not exist. */
  readonly roles = new Map<string, Role | undefined>();
  readonly clusterRoles = new Map<string, ClusterRole | undefined>();

  constructor(
    private readonly clusterRoleBindings: ClusterRoleBinding[],
    private readonly roleBindings: RoleBinding[],
  ) {}

  clusterRoleBindingsFor(): ClusterRoleBinding[] {
    return this.clusterRoleBindings;
  }
  roleBindingsFor(): RoleBinding[] {
    return this.roleBindings;
  }
  role(namespace: string, name: string): Role | undefined {
    return this.roles.get(`${namespace}/${name}`);
  }
  clusterRole(name: string): ClusterRole | undefined {
    return this.clusterRoles.get(name);
  }
  notFoundMessage(kind: "Role" | "ClusterRole", name: string): string {
    return notFoundMessage(kind, name);
  }
}

/** What applies to `user` in `namespace` ("" = cluster-wide only), as stored now. */
export async function readPolicyFor(storage: RBACStorage, user: UserInfo, namespace: string, signal?: AbortSignal): Promise<PolicyReader> {
  const clusterRoleBindings = (await storage.clusterRoleBindings.list(scopeFor("", signal), {})).items.filter(
    (b) => firstApplyingSubject(user, b.subjects, "") !== undefined,
  );
  const roleBindings =
    namespace === ""
      ? []
      : (await storage.roleBindings.list(scopeFor(namespace, signal), {})).items.filter((b) => firstApplyingSubject(user, b.subjects, namespace) !== undefined);
  const snapshot = new PolicySnapshot(clusterRoleBindings, roleBindings);
  for (const { roleRef } of [...clusterRoleBindings, ...roleBindings]) {
    if (roleRef.kind === "ClusterRole" && !snapshot.clusterRoles.has(roleRef.name)) {
      snapshot.clusterRoles.set(roleRef.name, await getRole(storage.clusterRoles, "", roleRef.name, signal));
    }
  }
  for (const { roleRef } of roleBindings) {
    if (roleRef.kind === "Role" && !snapshot.roles.has(`${namespace}/${roleRef.name}`)) {
      snapshot.roles.set(`${namespace}/${roleRef.name}`, await getRole(storage.roles, namespace, roleRef.name, signal));
    }
  }
  return snapshot;
}
