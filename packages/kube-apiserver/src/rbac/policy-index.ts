// The RBAC policy in memory, indexed for the authorizer (upstream reads
// listers and walks every binding; here bindings are filed under the
// subjects they name, so a request looks at the bindings of its user and
// groups only). Fed by informers (policy-informers.ts) with every Role,
// ClusterRole, RoleBinding and ClusterRoleBinding; no request reads storage.

import { type KubeObject } from "@tskube/apimachinery";
import type { UserInfo } from "@tskube/generic-apiserver";
import type { ClusterRole } from "../apis/rbac/v1/clusterrole/schema.js";
import type { ClusterRoleBinding } from "../apis/rbac/v1/clusterrolebinding/schema.js";
import type { Role } from "../apis/rbac/v1/role/schema.js";
import type { RoleBinding } from "../apis/rbac/v1/rolebinding/schema.js";
import type { PolicyReader } from "./rule-resolver.js";
import { subjectKey, userKeys } from "./subjects.js";

type Binding = ClusterRoleBinding | RoleBinding;

/** Bindings filed by subject key, each binding once per key, by name. */
class BindingsBySubject<T extends Binding> {
  private readonly byKey = new Map<string, Map<string, T>>();

  add(binding: T, bindingNamespace: string): void {
    for (const key of keysOf(binding, bindingNamespace)) {
      let named = this.byKey.get(key);
      if (named === undefined) this.byKey.set(key, (named = new Map()));
      named.set(binding.metadata.name ?? "", binding);
    }
  }

  remove(binding: T, bindingNamespace: string): void {
    for (const key of keysOf(binding, bindingNamespace)) {
      const named = this.byKey.get(key);
      named?.delete(binding.metadata.name ?? "");
      if (named?.size === 0) this.byKey.delete(key);
    }
  }

  /** The bindings naming the user by name or by one of the groups, each once. */
  for(user: UserInfo): T[] {
    const found: T[] = [];
    let seen: Set<T> | undefined;
    for (const key of userKeys(user)) {
      const named = this.byKey.get(key);
      if (named === undefined) continue;
      // Only a binding found under a second key can be a repeat.
      if (found.length > 0) seen ??= new Set(found);
      for (const binding of named.values()) {
        if (seen?.has(binding)) continue;
        seen?.add(binding);
        found.push(binding);
      }
    }
    return found;
  }

  get isEmpty(): boolean {
    return this.byKey.size === 0;
  }
}

function keysOf(binding: Binding, bindingNamespace: string): Set<string> {
  const keys = new Set<string>();
  for (const subject of binding.subjects ?? []) {
    const key = subjectKey(subject, bindingNamespace);
    if (key !== undefined) keys.add(key);
  }
  return keys;
}

const namespacedKey = (obj: KubeObject): string => `${obj.metadata.namespace ?? ""}/${obj.metadata.name ?? ""}`;

export class PolicyIndex implements PolicyReader {
  /** Goes up on every change, so what was derived from the policy can tell it is stale. */
  private changes = 0;
  private readonly roles = new Map<string, Role>();
  private readonly clusterRoles = new Map<string, ClusterRole>();
  private readonly clusterRoleBindings = new BindingsBySubject<ClusterRoleBinding>();
  /** By namespace. */
  private readonly roleBindings = new Map<string, BindingsBySubject<RoleBinding>>();

  get version(): number {
    return this.changes;
  }

  // ---- kept up to date by the informers (each call is a change) ----

  setRole(role: Role): void {
    this.changes++;
    this.roles.set(namespacedKey(role), role);
  }
  deleteRole(role: Role): void {
    this.changes++;
    this.roles.delete(namespacedKey(role));
  }
  setClusterRole(role: ClusterRole): void {
    this.changes++;
    this.clusterRoles.set(role.metadata.name ?? "", role);
  }
  deleteClusterRole(role: ClusterRole): void {
    this.changes++;
    this.clusterRoles.delete(role.metadata.name ?? "");
  }

  /** Adds a binding, or replaces `old` with it (its subjects may have changed). */
  setClusterRoleBinding(binding: ClusterRoleBinding, old?: ClusterRoleBinding): void {
    this.changes++;
    if (old) this.clusterRoleBindings.remove(old, "");
    this.clusterRoleBindings.add(binding, "");
  }
  deleteClusterRoleBinding(binding: ClusterRoleBinding): void {
    this.changes++;
    this.clusterRoleBindings.remove(binding, "");
  }

  setRoleBinding(binding: RoleBinding, old?: RoleBinding): void {
    this.changes++;
    if (old) this.deleteRoleBinding(old);
    const namespace = binding.metadata.namespace ?? "";
    let bindings = this.roleBindings.get(namespace);
    if (bindings === undefined) this.roleBindings.set(namespace, (bindings = new BindingsBySubject()));
    bindings.add(binding, namespace);
  }
  deleteRoleBinding(binding: RoleBinding): void {
    this.changes++;
    const namespace = binding.metadata.namespace ?? "";
    const bindings = this.roleBindings.get(namespace);
    bindings?.remove(binding, namespace);
    if (bindings?.isEmpty) this.roleBindings.delete(namespace);
  }

  // ---- PolicyReader ----

  clusterRoleBindingsFor(user: UserInfo): ClusterRoleBinding[] {
    return this.clusterRoleBindings.for(user);
  }

  roleBindingsFor(user: UserInfo, namespace: string): RoleBinding[] {
    return this.roleBindings.get(namespace)?.for(user) ?? [];
  }

  role(namespace: string, name: string): Role | undefined {
    return this.roles.get(`${namespace}/${name}`);
  }

  clusterRole(name: string): ClusterRole | undefined {
    return this.clusterRoles.get(name);
  }

  notFoundMessage(kind: "Role" | "ClusterRole", name: string): string {
    return `${kind.toLowerCase()}.rbac.authorization.k8s.io ${JSON.stringify(name)} not found`;
  }
}
