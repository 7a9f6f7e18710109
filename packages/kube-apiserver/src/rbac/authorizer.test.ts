// The RBAC authorizer on an in-memory policy: rule matching (verbs, groups,
// resources and subresources, names, non-resource URLs, wildcards), whom
// bindings name, ClusterRoles granted in a namespace, upstream's reasons,
// and the rules listed for SelfSubjectRulesReview.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AuthorizationAttributes, UserInfo } from "@tskube/generic-apiserver";
import type { Subject } from "../apis/rbac/v1/binding/schema.js";
import type { PolicyRule } from "../apis/rbac/v1/policy-rule/schema.js";
import { RBACAuthorizer } from "./authorizer.js";
import { ruleAllows } from "./rule-match.js";

const alice: UserInfo = { name: "alice", groups: ["dev", "system:authenticated"] };
const builder: UserInfo = { name: "system:serviceaccount:ci:builder", groups: ["system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated"] };

function resource(user: UserInfo, verb: string, res: string, more: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes {
  const [resourceName = "", subresource = ""] = res.split("/");
  return { user, verb, isResourceRequest: true, path: "", namespace: "", apiGroup: "", apiVersion: "v1", resource: resourceName, subresource, name: "", ...more };
}
function path(user: UserInfo, p: string, verb = "get"): AuthorizationAttributes {
  return { user, verb, isResourceRequest: false, path: p, namespace: "", apiGroup: "", apiVersion: "", resource: "", subresource: "", name: "" };
}

const meta = (name: string, namespace?: string) => ({ name, ...(namespace ? { namespace } : {}) });
const RBAC = "rbac.authorization.k8s.io";

function authorizerWith(setup: (a: RBACAuthorizer) => void): RBACAuthorizer {
  const a = new RBACAuthorizer();
  setup(a);
  return a;
}
const clusterRole = (name: string, rules: PolicyRule[]) => ({ metadata: meta(name), rules });
const role = (namespace: string, name: string, rules: PolicyRule[]) => ({ metadata: meta(name, namespace), rules });
const crb = (name: string, roleName: string, subjects: Subject[]) => ({ metadata: meta(name), roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: roleName }, subjects });
const rb = (namespace: string, name: string, kind: "Role" | "ClusterRole", roleName: string, subjects: Subject[]) => ({
  metadata: meta(name, namespace),
  roleRef: { apiGroup: RBAC, kind, name: roleName },
  subjects,
});
const userSubject = (name: string): Subject => ({ kind: "User", apiGroup: RBAC, name });
const groupSubject = (name: string): Subject => ({ kind: "Group", apiGroup: RBAC, name });

describe("RBAC rule matching", () => {
  const rule = (r: Partial<PolicyRule>): PolicyRule => ({ verbs: ["get"], ...r });
  it("verbs, groups, resources, names and their wildcards", () => {
    assert.ok(ruleAllows(resource(alice, "get", "pods"), rule({ apiGroups: [""], resources: ["pods"] })));
    assert.ok(!ruleAllows(resource(alice, "list", "pods"), rule({ apiGroups: [""], resources: ["pods"] })));
    assert.ok(ruleAllows(resource(alice, "delete", "pods"), rule({ verbs: ["*"], apiGroups: [""], resources: ["pods"] })));
    assert.ok(!ruleAllows(resource(alice, "get", "deployments", { apiGroup: "apps" }), rule({ apiGroups: [""], resources: ["deployments"] })));
    assert.ok(ruleAllows(resource(alice, "get", "deployments", { apiGroup: "apps" }), rule({ apiGroups: ["*"], resources: ["*"] })));
    assert.ok(ruleAllows(resource(alice, "get", "configmaps", { name: "a" }), rule({ apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"] })));
    assert.ok(!ruleAllows(resource(alice, "get", "configmaps", { name: "b" }), rule({ apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"] })));
    // A list names no object: resourceNames rules do not grant it.
    assert.ok(!ruleAllows(resource(alice, "list", "configmaps"), rule({ verbs: ["list"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"] })));
  });

  it("subresources: `pods/log` exactly, `*/scale` of anything; `pods` alone grants no subresource", () => {
    assert.ok(ruleAllows(resource(alice, "get", "pods/log"), rule({ apiGroups: [""], resources: ["pods/log"] })));
    assert.ok(!ruleAllows(resource(alice, "get", "pods/log"), rule({ apiGroups: [""], resources: ["pods"] })));
    assert.ok(!ruleAllows(resource(alice, "get", "pods"), rule({ apiGroups: [""], resources: ["pods/log"] })));
    assert.ok(ruleAllows(resource(alice, "get", "deployments/scale", { apiGroup: "apps" }), rule({ apiGroups: ["apps"], resources: ["*/scale"] })));
    assert.ok(!ruleAllows(resource(alice, "get", "deployments/status", { apiGroup: "apps" }), rule({ apiGroups: ["apps"], resources: ["*/scale"] })));
    assert.ok(ruleAllows(resource(alice, "get", "pods/log"), rule({ apiGroups: [""], resources: ["*"] })));
  });

  it("non-resource URLs: exact, `*`, and prefixes ending in `*`", () => {
    assert.ok(ruleAllows(path(alice, "/healthz"), rule({ nonResourceURLs: ["/healthz"] })));
    assert.ok(!ruleAllows(path(alice, "/healthz/etcd"), rule({ nonResourceURLs: ["/healthz"] })));
    assert.ok(ruleAllows(path(alice, "/healthz/etcd"), rule({ nonResourceURLs: ["/healthz/*"] })));
    assert.ok(ruleAllows(path(alice, "/apis/apps/v1"), rule({ nonResourceURLs: ["/apis*"] })));
    assert.ok(ruleAllows(path(alice, "/anything", "post"), rule({ verbs: ["*"], nonResourceURLs: ["*"] })));
    assert.ok(!ruleAllows(path(alice, "/healthz", "post"), rule({ nonResourceURLs: ["/healthz"] })));
    // A non-resource rule never grants resources, nor the other way round.
    assert.ok(!ruleAllows(resource(alice, "get", "pods"), rule({ nonResourceURLs: ["*"] })));
    assert.ok(!ruleAllows(path(alice, "/api"), rule({ apiGroups: ["*"], resources: ["*"] })));
  });
});

describe("RBACAuthorizer", () => {
  const readConfigMaps: PolicyRule = { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] };

  it("a RoleBinding grants its Role in its namespace only, with upstream's reason", async () => {
    const a = authorizerWith((x) => {
      x.policy.setRole(role("team", "cm-reader", [readConfigMaps]));
      x.policy.setRoleBinding(rb("team", "alice-cm", "Role", "cm-reader", [userSubject("alice")]));
    });
    assert.deepEqual(await a.authorize(resource(alice, "list", "configmaps", { namespace: "team" })), {
      decision: "allow",
      reason: 'RBAC: allowed by RoleBinding "alice-cm/team" of Role "cm-reader" to User "alice"',
    });
    assert.deepEqual(await a.authorize(resource(alice, "list", "configmaps", { namespace: "other" })), { decision: "no-opinion" });
    assert.deepEqual(await a.authorize(resource(alice, "list", "secrets", { namespace: "team" })), { decision: "no-opinion" });
    assert.deepEqual(await a.authorize(resource(alice, "create", "configmaps", { namespace: "team" })), { decision: "no-opinion" });
    assert.deepEqual(await a.authorize(resource({ name: "bob", groups: ["system:authenticated"] }, "list", "configmaps", { namespace: "team" })), { decision: "no-opinion" });
  });

  it("a RoleBinding may grant a ClusterRole's rules within its namespace; a ClusterRoleBinding grants them everywhere", async () => {
    const a = authorizerWith((x) => {
      x.policy.setClusterRole(clusterRole("view", [readConfigMaps]));
      x.policy.setRoleBinding(rb("team", "dev-view", "ClusterRole", "view", [groupSubject("dev")]));
    });
    assert.equal((await a.authorize(resource(alice, "get", "configmaps", { namespace: "team" }))).decision, "allow");
    assert.equal((await a.authorize(resource(alice, "get", "configmaps", { namespace: "other" }))).decision, "no-opinion");
    assert.equal((await a.authorize(resource(alice, "list", "configmaps"))).decision, "no-opinion", "not at the cluster scope");
    a.policy.setClusterRoleBinding(crb("dev-view-all", "view", [groupSubject("dev")]));
    assert.deepEqual(await a.authorize(resource(alice, "list", "configmaps", { namespace: "other" })), {
      decision: "allow",
      reason: 'RBAC: allowed by ClusterRoleBinding "dev-view-all" of ClusterRole "view" to Group "dev"',
    });
    assert.equal((await a.authorize(resource(alice, "list", "configmaps"))).decision, "allow");
  });

  it("service accounts: by namespace and name; in a RoleBinding the namespace defaults to the binding's", async () => {
    const a = authorizerWith((x) => {
      x.policy.setRole(role("ci", "cm-reader", [readConfigMaps]));
      x.policy.setRoleBinding(rb("ci", "builder", "Role", "cm-reader", [{ kind: "ServiceAccount", name: "builder" }]));
      x.policy.setClusterRole(clusterRole("node-reader", [{ apiGroups: [""], resources: ["nodes"], verbs: ["get"] }]));
      x.policy.setClusterRoleBinding(crb("builder-nodes", "node-reader", [{ kind: "ServiceAccount", name: "builder", namespace: "ci" }]));
      // A ClusterRoleBinding's service account without a namespace names no one.
      x.policy.setClusterRoleBinding(crb("nobody", "node-reader", [{ kind: "ServiceAccount", name: "other" }]));
    });
    assert.deepEqual(await a.authorize(resource(builder, "get", "configmaps", { namespace: "ci" })), {
      decision: "allow",
      reason: 'RBAC: allowed by RoleBinding "builder/ci" of Role "cm-reader" to ServiceAccount "builder/ci"',
    });
    assert.equal((await a.authorize(resource(builder, "get", "nodes"))).decision, "allow");
    const other: UserInfo = { name: "system:serviceaccount:ci:other", groups: [] };
    assert.equal((await a.authorize(resource(other, "get", "nodes"))).decision, "no-opinion");
  });

  it("bindings follow updates and deletes; a missing role is the reason of a denial", async () => {
    const a = authorizerWith((x) => x.policy.setClusterRoleBinding(crb("alice-admin", "gone", [userSubject("alice")])));
    assert.deepEqual(await a.authorize(resource(alice, "get", "pods", { namespace: "x" })), {
      decision: "no-opinion",
      reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found',
    });
    a.policy.setClusterRole(clusterRole("gone", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]));
    assert.equal((await a.authorize(resource(alice, "get", "pods", { namespace: "x" }))).decision, "allow");
    const old = crb("alice-admin", "gone", [userSubject("alice")]);
    a.policy.setClusterRoleBinding(crb("alice-admin", "gone", [userSubject("bob")]), old);
    assert.equal((await a.authorize(resource(alice, "get", "pods", { namespace: "x" }))).decision, "no-opinion");
    a.policy.deleteClusterRoleBinding(crb("alice-admin", "gone", [userSubject("bob")]));
    assert.equal((await a.authorize(resource({ name: "bob", groups: [] }, "get", "pods", { namespace: "x" }))).decision, "no-opinion");
  });

  it("a binding naming the user twice (by name and by group) is visited once", async () => {
    const a = authorizerWith((x) => {
      x.policy.setClusterRole(clusterRole("cm", [readConfigMaps]));
      x.policy.setClusterRoleBinding(crb("both", "cm", [userSubject("alice"), groupSubject("dev")]));
    });
    const rules = await a.rulesFor(alice, "team");
    assert.deepEqual(rules.resourceRules, [{ verbs: ["get", "list"], apiGroups: [""], resources: ["configmaps"] }]);
  });

  it("lists the user's rules, resource and non-resource ones apart, with resolution errors", async () => {
    const a = authorizerWith((x) => {
      x.policy.setClusterRole(clusterRole("discovery", [{ verbs: ["get"], nonResourceURLs: ["/api", "/api/*"] }]));
      x.policy.setClusterRoleBinding(crb("discovery", "discovery", [groupSubject("system:authenticated")]));
      x.policy.setRole(role("team", "cm-reader", [{ ...readConfigMaps, resourceNames: ["settings"] }]));
      x.policy.setRoleBinding(rb("team", "alice-cm", "Role", "cm-reader", [userSubject("alice")]));
      x.policy.setRoleBinding(rb("team", "alice-missing", "Role", "missing", [userSubject("alice")]));
    });
    assert.deepEqual(await a.rulesFor(alice, "team"), {
      resourceRules: [{ verbs: ["get", "list"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["settings"] }],
      nonResourceRules: [{ verbs: ["get"], nonResourceURLs: ["/api", "/api/*"] }],
      incomplete: false,
      errors: ['role.rbac.authorization.k8s.io "missing" not found'],
    });
  });

  it("finds the one binding among many quickly (a user bound through 50 roles)", async () => {
    const a = authorizerWith((x) => {
      for (let i = 0; i < 50; i++) {
        x.policy.setRole(role("team", `r${i}`, [{ apiGroups: [""], resources: [`things${i}`], verbs: ["get"] }]));
        x.policy.setRoleBinding(rb("team", `b${i}`, "Role", `r${i}`, [userSubject("alice")]));
      }
      for (let i = 0; i < 1000; i++) x.policy.setRoleBinding(rb("team", `other${i}`, "Role", "r0", [userSubject(`user${i}`)]));
    });
    const attrs = resource(alice, "get", "things49", { namespace: "team" });
    assert.equal((await a.authorize(attrs)).decision, "allow");
    const start = performance.now();
    for (let i = 0; i < 2000; i++) await a.authorize(attrs);
    const perCall = (performance.now() - start) / 2000;
    assert.ok(perCall < 1, `${perCall.toFixed(3)} ms per decision`);
  });
});
