// The REST storage of the RBAC resources: the generic registry store, with
// the escalation checks of escalation.ts in front of its writes (upstream:
// pkg/registry/rbac/<resource>/policybased). Reads and deletes pass through.
//
//   create     checked against the new object
//   update     checked inside the update, against the object as it will be
//              stored, unless only garbage-collection fields change
//              (ownerReferences, finalizers, managedFields)
//
// A refusal is 403 Forbidden, `roles.rbac.authorization.k8s.io "x" is
// forbidden: user "alice" (groups=[...]) is attempting to grant RBAC
// permissions not currently held:\n{...}`.

import { type KubeObject, newForbidden, semanticEqual } from "@tskube/apimachinery";
import { type Authorizer, ForwardingStorage, type RESTStorage, type RequestScope, type UpdatedObjectInfo } from "@tskube/generic-apiserver";
import type { ClusterRole } from "../apis/rbac/v1/clusterrole/schema.js";
import type { ClusterRoleBinding } from "../apis/rbac/v1/clusterrolebinding/schema.js";
import { RBAC_GROUP } from "../apis/rbac/v1/policy-rule/schema.js";
import type { Role } from "../apis/rbac/v1/role/schema.js";
import type { RoleBinding } from "../apis/rbac/v1/rolebinding/schema.js";
import { FULL_AUTHORITY, bindingAuthorized, escalationAllowed, escalationProblem, roleEscalationAuthorized } from "./escalation.js";
import { type RBACStorage, readRoleRefRules } from "./policy-snapshot.js";

export interface EscalationDependencies {
  /** The registry storage of the four resources, unchecked: where the writer's own rules are read. */
  storage: RBACStorage;
  /** The server's whole authorization chain, asked about `escalate` and `bind`. */
  authorizer: () => Authorizer;
}

/** The registry storage with its writes checked: subclasses override create and update. */
abstract class CheckedStorage<T extends KubeObject> extends ForwardingStorage<T> {
  abstract override create(scope: RequestScope, obj: T): Promise<T>;
  abstract override update(
    scope: RequestScope,
    name: string,
    objInfo: UpdatedObjectInfo<T>,
    opts?: { forceAllowCreate?: boolean },
  ): Promise<{ object: T; created: boolean }>;

  protected forbidden(name: string | undefined, message: string): Error {
    return newForbidden({ group: RBAC_GROUP, resource: this.inner.definition.resource }, name ?? "", message);
  }

  /** `objInfo` with `check` run on each computed object, unless the change is to garbage-collection fields only. */
  protected checkedUpdate(objInfo: UpdatedObjectInfo<T>, check: (obj: T, old: T | null) => Promise<void>): UpdatedObjectInfo<T> {
    return {
      ...objInfo,
      updatedObject: async (current) => {
        const obj = await objInfo.updatedObject(current);
        if (current !== null && onlyGarbageCollectionFieldsChange(obj, current)) return obj;
        await check(obj, current);
        return obj;
      },
    };
  }
}

/** True when `obj` differs from `old` in ownerReferences, finalizers or managedFields only (upstream: IsOnlyMutatingGCFields). */
function onlyGarbageCollectionFieldsChange(obj: KubeObject, old: KubeObject): boolean {
  const { ownerReferences, finalizers, managedFields, selfLink } = old.metadata;
  return semanticEqual({ ...obj, metadata: { ...obj.metadata, ownerReferences, finalizers, managedFields, selfLink } }, old);
}

const hasAggregationRule = (role: ClusterRole | Role | null): boolean =>
  role !== null && "aggregationRule" in role && (role.aggregationRule?.clusterRoleSelectors ?? []).length > 0;

/** Roles and ClusterRoles: the rules written must be held by the writer, unless the writer may `escalate`. */
export class RoleEscalationStorage<T extends Role | ClusterRole> extends CheckedStorage<T> {
  constructor(
    inner: RESTStorage<T>,
    private readonly deps: EscalationDependencies,
  ) {
    super(inner);
  }

  private mayEscalate(scope: RequestScope, name: string): Promise<boolean> | boolean {
    if (escalationAllowed(scope.user)) return true;
    const resource = this.inner.definition.resource === "roles" ? "roles" : "clusterroles";
    return roleEscalationAuthorized(this.deps.authorizer(), scope.user, resource, scope.namespace, name);
  }

  private async check(scope: RequestScope, role: T, old: T | null): Promise<void> {
    const problem = await escalationProblem(this.deps.storage, scope.user, scope.namespace, role.rules ?? [], scope.signal);
    if (problem !== undefined) throw this.forbidden(role.metadata.name, problem);
    // An aggregationRule can gather any rules at all: setting or keeping one takes every permission.
    if (hasAggregationRule(role) || hasAggregationRule(old)) {
      if ((await escalationProblem(this.deps.storage, scope.user, scope.namespace, FULL_AUTHORITY, scope.signal)) !== undefined) {
        throw this.forbidden(role.metadata.name, "must have cluster-admin privileges to use the aggregationRule");
      }
    }
  }

  async create(scope: RequestScope, obj: T): Promise<T> {
    // A create's request names no object, so `escalate` limited by resourceNames does not apply (as upstream).
    if (!(await this.mayEscalate(scope, ""))) await this.check(scope, obj, null);
    return this.inner.create(scope, obj);
  }

  async update(scope: RequestScope, name: string, objInfo: UpdatedObjectInfo<T>, opts?: { forceAllowCreate?: boolean }): Promise<{ object: T; created: boolean }> {
    if (await this.mayEscalate(scope, name)) return this.inner.update(scope, name, objInfo, opts);
    return this.inner.update(scope, name, this.checkedUpdate(objInfo, (obj, old) => this.check(scope, obj, old)), opts);
  }
}

/** RoleBindings and ClusterRoleBindings: the role named must be held by the writer, unless the writer may `bind` it. */
export class BindingEscalationStorage<T extends RoleBinding | ClusterRoleBinding> extends CheckedStorage<T> {
  constructor(
    inner: RESTStorage<T>,
    private readonly deps: EscalationDependencies,
  ) {
    super(inner);
  }

  private async check(scope: RequestScope, binding: T): Promise<void> {
    // The binding's namespace: "" for ClusterRoleBindings.
    const namespace = this.inner.definition.namespaced ? scope.namespace : "";
    if (await bindingAuthorized(this.deps.authorizer(), scope.user, binding.roleRef, namespace)) return;
    const rules = await readRoleRefRules(this.deps.storage, binding.roleRef, namespace, scope.signal);
    if (!Array.isArray(rules)) throw this.forbidden(binding.metadata.name, rules.error);
    const problem = await escalationProblem(this.deps.storage, scope.user, namespace, rules, scope.signal);
    if (problem !== undefined) throw this.forbidden(binding.metadata.name, problem);
  }

  async create(scope: RequestScope, obj: T): Promise<T> {
    if (!escalationAllowed(scope.user)) await this.check(scope, obj);
    return this.inner.create(scope, obj);
  }

  async update(scope: RequestScope, name: string, objInfo: UpdatedObjectInfo<T>, opts?: { forceAllowCreate?: boolean }): Promise<{ object: T; created: boolean }> {
    if (escalationAllowed(scope.user)) return this.inner.update(scope, name, objInfo, opts);
    return this.inner.update(scope, name, this.checkedUpdate(objInfo, (obj) => this.check(scope, obj)), opts);
  }
}
