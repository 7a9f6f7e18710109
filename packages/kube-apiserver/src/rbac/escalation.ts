// Escalation prevention (upstream: pkg/registry/rbac/escalation_check.go and
// ConfirmNoEscalation in pkg/registry/rbac/validation): nobody gets to grant
// permissions they do not hold themselves.
//
//   writing a Role or ClusterRole   its rules must be covered by the writer's own
//                                   rules (in the role's namespace), unless the writer
//                                   may `escalate` roles/clusterroles
//   writing a binding               the rules of the role it names must be covered,
//                                   unless the writer may `bind` that role
//   system:masters                  always may (the server's own loopback client is one)
//
// The writer's rules are read from storage (policy-snapshot.ts), as upstream
// reads the registries, so a check sees every write that came before it.

import { aggregateMessages } from "@tskube/apimachinery";
import { type Authorizer, SYSTEM_MASTERS, type UserInfo } from "@tskube/generic-apiserver";
import type { RoleRef } from "../apis/rbac/v1/binding/schema.js";
import { type PolicyRule, RBAC_GROUP } from "../apis/rbac/v1/policy-rule/schema.js";
import { compactRules, compactString, covers, goQuotedList } from "./covers.js";
import { type RBACStorage, readPolicyFor } from "./policy-snapshot.js";
import { rulesFor } from "./rule-resolver.js";

/** Every permission there is: what the aggregationRule needs, since it can gather anything. */
export const FULL_AUTHORITY: readonly PolicyRule[] = [
  { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
  { verbs: ["*"], nonResourceURLs: ["*"] },
];

/** system:masters may grant anything (upstream: EscalationAllowed). */
export function escalationAllowed(user: UserInfo | undefined): boolean {
  return user !== undefined && user.groups.includes(SYSTEM_MASTERS);
}

/**
 * May the user `escalate` this role resource (upstream: RoleEscalationAuthorized)?
 * `name` is the request's: "" for a create, as upstream's RequestInfo has it.
 */
export async function roleEscalationAuthorized(
  authorizer: Authorizer,
  user: UserInfo | undefined,
  resource: "roles" | "clusterroles",
  namespace: string,
  name: string,
): Promise<boolean> {
  if (user === undefined) return false;
  const decision = await authorizer.authorize({
    user,
    verb: "escalate",
    isResourceRequest: true,
    path: "",
    namespace,
    apiGroup: RBAC_GROUP,
    apiVersion: "*",
    resource,
    subresource: "",
    name,
  });
  return decision.decision === "allow";
}

/**
 * May the user `bind` the role a binding names (upstream: BindingAuthorized)?
 * Asked in the binding's namespace ("" for a ClusterRoleBinding), so `bind`
 * can be delegated per namespace and per role name.
 */
export async function bindingAuthorized(authorizer: Authorizer, user: UserInfo | undefined, ref: RoleRef, bindingNamespace: string): Promise<boolean> {
  if (user === undefined) return false;
  const resource = ref.kind === "ClusterRole" ? "clusterroles" : ref.kind === "Role" ? "roles" : undefined;
  if (resource === undefined) return false;
  const decision = await authorizer.authorize({
    user,
    verb: "bind",
    isResourceRequest: true,
    path: "",
    namespace: bindingNamespace,
    apiGroup: ref.apiGroup,
    apiVersion: "",
    resource,
    subresource: "",
    name: ref.name,
  });
  return decision.decision === "allow";
}

/**
 * Whether the user holds every permission in `rules` in `namespace`; if not,
 * upstream's message listing what is missing:
 *
 *   user "alice" (groups=["dev" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:
 *   {APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}
 */
export async function escalationProblem(
  storage: RBACStorage,
  user: UserInfo | undefined,
  namespace: string,
  rules: readonly PolicyRule[],
  signal?: AbortSignal,
): Promise<string | undefined> {
  if (user === undefined) return "no user on context";
  const policy = await readPolicyFor(storage, user, namespace, signal);
  const owned = rulesFor(policy, user, namespace);
  const { covered, missing } = covers(owned.rules, rules);
  if (covered) return undefined;
  const lines = [...new Set(compactRules(missing).map(compactString))].sort();
  let message = `user ${JSON.stringify(user.name)} (groups=${goQuotedList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join("\n")}`;
  if (owned.errors.length > 0) message += `; resolution errors: [${aggregateMessages(owned.errors)}]`;
  return message;
}
