// The rbac.authorization.k8s.io API group, version v1 (upstream:
// pkg/registry/rbac/rest/storage_rbac.go): Roles, ClusterRoles, RoleBindings
// and ClusterRoleBindings in the generic registry, each behind the
// escalation checks of src/rbac/escalation-storage.ts. The bootstrap policy
// is created by src/bootstrap/rbac-policy.ts; the aggregated ClusterRoles
// are filled in by src/controllers/clusterrole-aggregation.ts.

import type { APIGroupInfo, Authorizer } from "@tskube/generic-apiserver";
import { installable } from "../../../registry/installable.js";
import { registryStoreFor } from "../../../registry/registry-store.js";
import type { StorageFactory } from "../../../registry/storage-factory.js";
import { BindingEscalationStorage, RoleEscalationStorage } from "../../../rbac/escalation-storage.js";
import type { RBACStorage } from "../../../rbac/policy-snapshot.js";
import { clusterRoleDefinition } from "./clusterrole/definition.js";
import { clusterRoleBindingDefinition } from "./clusterrolebinding/definition.js";
import { RBAC_GROUP } from "./policy-rule/schema.js";
import { roleDefinition } from "./role/definition.js";
import { roleBindingDefinition } from "./rolebinding/definition.js";

export const rbacV1Definitions = [clusterRoleBindingDefinition, clusterRoleDefinition, roleBindingDefinition, roleDefinition] as const;

export interface RBACGroupDependencies {
  /** The server's whole authorization chain (asked whether a writer may `escalate` or `bind`); available once the server exists. */
  authorizer: () => Authorizer;
}

/** The unchecked registry storage of the four resources (what the escalation checks read the writer's rules from). */
export function rbacRegistryStorage(storage: StorageFactory): RBACStorage {
  return {
    roles: registryStoreFor(roleDefinition, storage).main,
    clusterRoles: registryStoreFor(clusterRoleDefinition, storage).main,
    roleBindings: registryStoreFor(roleBindingDefinition, storage).main,
    clusterRoleBindings: registryStoreFor(clusterRoleBindingDefinition, storage).main,
  };
}

export function rbacAPIGroupInfo(storage: StorageFactory, deps: RBACGroupDependencies): APIGroupInfo {
  const registry = rbacRegistryStorage(storage);
  const checks = { storage: registry, authorizer: deps.authorizer };
  const resources = [
    installable(new BindingEscalationStorage(registry.clusterRoleBindings, checks)),
    installable(new RoleEscalationStorage(registry.clusterRoles, checks)),
    installable(new BindingEscalationStorage(registry.roleBindings, checks)),
    installable(new RoleEscalationStorage(registry.roles, checks)),
  ];
  return { name: RBAC_GROUP, versions: [{ version: "v1", resources }] };
}
