// The post-start hook `rbac/bootstrap-roles` (upstream: PostStartHook in
// pkg/registry/rbac/rest/storage_rbac.go): creates the default policy of
// policy.ts, or reconciles what is stored with it (reconcile.ts), writing as
// the server itself (system:masters, so no escalation check refuses it).

import { type KubeObject, isAlreadyExists, isNotFound } from "@tskube/apimachinery";
import { APISERVER_USER, type RESTStorage, type RequestScope, SYSTEM_MASTERS } from "@tskube/generic-apiserver";
import type { RBACStorage } from "../../rbac/policy-snapshot.js";
import { bootstrapClusterRoleBindings, bootstrapClusterRoles, bootstrapRoleBindings, bootstrapRoles } from "./policy.js";
import { type Reconciliation, reconcileBinding, reconcileRole } from "./reconcile.js";

function scopeFor(namespace: string, signal?: AbortSignal): RequestScope {
  return { namespace, dryRun: false, warnings: [], user: { name: APISERVER_USER, groups: [SYSTEM_MASTERS] }, ...(signal ? { signal } : {}) };
}

/** Creates or reconciles one object; returns what was done, for the log (`clusterroles/admin`, `clusterroles/edit (updated)`), or undefined. */
async function ensure<T extends KubeObject>(
  storage: RESTStorage<T>,
  expected: T,
  reconcile: (existing: T, expected: T) => Reconciliation<T>,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const name = expected.metadata.name ?? "";
  const scope = scopeFor(expected.metadata.namespace ?? "", signal);
  const what = `${storage.definition.resource}/${expected.metadata.namespace ? `${expected.metadata.namespace}/` : ""}${name}`;
  let existing: T;
  try {
    existing = await storage.get(scope, name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    try {
      await storage.create(scope, structuredClone(expected));
      return what;
    } catch (createErr) {
      if (isAlreadyExists(createErr)) return undefined; // another server sharing the store got there first
      throw createErr;
    }
  }
  const result = reconcile(existing, expected);
  switch (result.operation) {
    case "none":
    case "protected":
      return undefined;
    case "update":
      // The stored resourceVersion rides along: a concurrent change is a conflict, and the hook tries again.
      await storage.update(scope, name, { updatedObject: () => result.object });
      return result.addedRules > 0 ? `${what} (added ${result.addedRules} missing rules)` : `${what} (updated)`;
    case "recreate":
      await storage.delete(scope, name, {});
      await storage.create(scope, structuredClone(result.object));
      return `${what} (recreated: its roleRef differed)`;
  }
}

/** Creates the default policy, or brings it up to date; returns the objects created or changed. */
export async function ensureBootstrapPolicy(storage: RBACStorage, signal?: AbortSignal): Promise<string[]> {
  // Independent objects: written at once, so the store commits them together (one fsync rather than 22).
  const done = await Promise.all([
    ...bootstrapClusterRoles().map((role) => ensure(storage.clusterRoles, role, reconcileRole, signal)),
    ...bootstrapClusterRoleBindings().map((binding) => ensure(storage.clusterRoleBindings, binding, reconcileBinding, signal)),
    ...bootstrapRoles().map((role) => ensure(storage.roles, role, reconcileRole, signal)),
    ...bootstrapRoleBindings().map((binding) => ensure(storage.roleBindings, binding, reconcileBinding, signal)),
  ]);
  return done.filter((d): d is string => d !== undefined);
}
