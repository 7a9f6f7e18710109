// RBAC in a running kube-apiserver (--authorization-mode=RBAC): the
// bootstrap policy for anonymous and authenticated users, a user bound
// through a Role, 403s worded as upstream's, the access reviews, escalation
// prevention, and aggregated ClusterRoles following new labelled roles.
// Requests are the admin's, impersonating the user under test.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { isDeepStrictEqual } from "node:util";
import type { KubeObject } from "@tskube/apimachinery";
import { type TestServer, eventually, expectObject, expectStatus, startTestServer } from "../server/test-support.js";

const T = { timeout: 30_000 };
const RBAC = "/apis/rbac.authorization.k8s.io/v1";
const AUTHZ = "/apis/authorization.k8s.io/v1";
const alice = { user: "alice" };
const bob = { user: "bob" };
const anonymous = { user: "system:anonymous" };

let s: TestServer;
before(async () => {
  s = await startTestServer({ rbac: true });
  expectObject(await s.request("/api/v1/namespaces", { method: "POST", body: { apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } } }), 201);
  const role = (name: string, rules: unknown[]) => ({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name }, rules });
  const binding = (name: string, roleName: string, user: string) => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: roleName },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: user }],
  });
  const create = async (resource: string, body: unknown) => expectObject(await s.request(`${RBAC}/namespaces/team/${resource}`, { method: "POST", body }), 201);
  await create("roles", role("cm-reader", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] }]));
  await create("rolebindings", binding("alice-cm", "cm-reader", "alice"));
  await create("roles", role("role-writer", [{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"], verbs: ["create", "get", "update"] }]));
  await create("rolebindings", binding("bob-writer", "role-writer", "bob"));
  await create("rolebindings", binding("alice-missing", "missing", "alice"));
  // The authorizer sees bindings through its watches: wait for the last one.
  assert.ok(await eventually(async () => (await s.request("/api/v1/namespaces/team/configmaps", { as: alice })).status === 200));
});
after(() => s.close());

describe("RBAC authorization", () => {
  it("anonymous: health and version (system:public-info-viewer), not discovery or resources", T, async () => {
    assert.equal((await s.request("/version", { as: anonymous })).status, 200);
    assert.equal((await s.request("/healthz", { as: anonymous })).text, "ok");
    assert.equal((await s.request("/readyz", { as: anonymous })).status, 200);
    const api = expectStatus(await s.request("/api", { as: anonymous }), 403, "Forbidden");
    assert.equal(api.message, 'forbidden: User "system:anonymous" cannot get path "/api"');
    const ns = expectStatus(await s.request("/api/v1/namespaces", { as: anonymous }), 403, "Forbidden");
    assert.equal(ns.message, 'namespaces is forbidden: User "system:anonymous" cannot list resource "namespaces" in API group "" at the cluster scope');
    // Authenticated users also get discovery (system:discovery).
    assert.equal((await s.request("/apis", { as: bob })).status, 200);
  });

  it("a user bound through a Role: allowed there, 403 elsewhere, with the missing role named", T, async () => {
    assert.equal((await s.request("/api/v1/namespaces/team/configmaps/kube-root-ca.crt", { as: alice })).status, 200);
    const secrets = expectStatus(await s.request("/api/v1/namespaces/team/secrets", { as: alice }), 403, "Forbidden");
    assert.equal(
      secrets.message,
      'secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "team": RBAC: role.rbac.authorization.k8s.io "missing" not found',
    );
    assert.deepEqual(secrets.details, { kind: "secrets" });
    const other = expectStatus(await s.request("/api/v1/namespaces/default/configmaps", { as: alice }), 403, "Forbidden");
    assert.equal(other.message, 'configmaps is forbidden: User "alice" cannot list resource "configmaps" in API group "" in the namespace "default"');
    const write = expectStatus(
      await s.request("/api/v1/namespaces/team/configmaps", { method: "POST", as: alice, body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } } }),
      403,
      "Forbidden",
    );
    assert.match(write.message ?? "", /^configmaps is forbidden: User "alice" cannot create resource "configmaps" in API group "" in the namespace "team"/);
  });

  it("SelfSubjectAccessReview answers for the requester, with upstream's reason", T, async () => {
    const review = (resourceAttributes: object) => ({ apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: { resourceAttributes } });
    const yes = expectObject<KubeObject>(
      await s.request(`${AUTHZ}/selfsubjectaccessreviews`, { method: "POST", as: alice, body: review({ namespace: "team", verb: "list", resource: "configmaps" }) }),
      201,
    );
    assert.deepEqual(yes["status"], { allowed: true, reason: 'RBAC: allowed by RoleBinding "alice-cm/team" of Role "cm-reader" to User "alice"' });
    assert.equal(yes.metadata.creationTimestamp, null);
    const no = expectObject<KubeObject>(
      await s.request(`${AUTHZ}/selfsubjectaccessreviews`, { method: "POST", as: alice, body: review({ namespace: "default", verb: "list", resource: "configmaps" }) }),
      201,
    );
    assert.deepEqual(no["status"], { allowed: false });
    const invalid = expectStatus(
      await s.request(`${AUTHZ}/selfsubjectaccessreviews`, { method: "POST", as: alice, body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: {} } }),
      422,
      "Invalid",
    );
    assert.equal(invalid.message, '.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
    const getList = expectStatus(await s.request(`${AUTHZ}/selfsubjectaccessreviews`), 405, "MethodNotAllowed");
    assert.match(getList.message ?? "", /list/);
  });

  it("SubjectAccessReview and LocalSubjectAccessReview ask about someone else; SelfSubjectRulesReview lists rules", T, async () => {
    const sar = expectObject<KubeObject>(
      await s.request(`${AUTHZ}/subjectaccessreviews`, {
        method: "POST",
        body: { apiVersion: "authorization.k8s.io/v1", kind: "SubjectAccessReview", spec: { user: "alice", groups: ["system:authenticated"], nonResourceAttributes: { path: "/apis", verb: "get" } } },
      }),
      201,
    );
    assert.deepEqual(sar["status"], { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"' });
    // Plain users may not ask about others.
    expectStatus(await s.request(`${AUTHZ}/subjectaccessreviews`, { method: "POST", as: alice, body: { apiVersion: "authorization.k8s.io/v1", kind: "SubjectAccessReview", spec: { user: "x" } } }), 403, "Forbidden");
    const noUser = expectStatus(
      await s.request(`${AUTHZ}/subjectaccessreviews`, { method: "POST", body: { apiVersion: "authorization.k8s.io/v1", kind: "SubjectAccessReview", spec: { resourceAttributes: { verb: "get" } } } }),
      422,
      "Invalid",
    );
    assert.equal(noUser.message, '.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified');

    const lsar = (namespace: string) => ({
      apiVersion: "authorization.k8s.io/v1",
      kind: "LocalSubjectAccessReview",
      spec: { user: "alice", resourceAttributes: { namespace, verb: "get", resource: "configmaps" } },
    });
    const local = expectObject<KubeObject>(await s.request(`${AUTHZ}/namespaces/team/localsubjectaccessreviews`, { method: "POST", body: lsar("team") }), 201);
    assert.equal((local["status"] as { allowed: boolean }).allowed, true);
    assert.equal(local.metadata.namespace, "team");
    const mismatch = expectStatus(await s.request(`${AUTHZ}/namespaces/team/localsubjectaccessreviews`, { method: "POST", body: lsar("default") }), 422, "Invalid");
    assert.equal(mismatch.message, '.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "default": must match metadata.namespace');

    const rules = expectObject<KubeObject>(
      await s.request(`${AUTHZ}/selfsubjectrulesreviews`, { method: "POST", as: alice, body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectRulesReview", spec: { namespace: "team" } } }),
      201,
    );
    const status = rules["status"] as { resourceRules: { resources?: string[]; verbs: string[] }[]; nonResourceRules: { nonResourceURLs?: string[] }[]; incomplete: boolean; evaluationError?: string };
    assert.deepEqual(rules["spec"], {});
    assert.ok(status.resourceRules.some((r) => r.resources?.includes("configmaps") && r.verbs.join() === "get,list"));
    assert.ok(status.resourceRules.some((r) => r.resources?.includes("selfsubjectaccessreviews")));
    assert.ok(status.nonResourceRules.some((r) => r.nonResourceURLs?.includes("/version")));
    assert.equal(status.incomplete, false);
    assert.equal(status.evaluationError, 'role.rbac.authorization.k8s.io "missing" not found');
    const noNamespace = expectStatus(
      await s.request(`${AUTHZ}/selfsubjectrulesreviews`, { method: "POST", as: alice, body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectRulesReview", spec: {} } }),
      400,
      "BadRequest",
    );
    assert.equal(noNamespace.message, "no namespace on request");
  });
});

describe("RBAC escalation prevention", () => {
  const secretReader = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "secret-reader" }, rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }] };

  it("a role granting more than the writer holds is refused with the missing rules", T, async () => {
    const status = expectStatus(await s.request(`${RBAC}/namespaces/team/roles`, { method: "POST", as: bob, body: secretReader }), 403, "Forbidden");
    assert.equal(
      status.message,
      'roles.rbac.authorization.k8s.io "secret-reader" is forbidden: user "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}',
    );
    assert.deepEqual(status.details, { name: "secret-reader", group: "rbac.authorization.k8s.io", kind: "roles" });
    // A role within what bob holds is fine.
    const ok = { ...secretReader, metadata: { name: "rb-reader" }, rules: [{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["get"] }] };
    expectObject(await s.request(`${RBAC}/namespaces/team/roles`, { method: "POST", as: bob, body: ok }), 201);
  });

  it("binding a role the writer could not grant is refused; `bind` and `escalate` lift the checks", T, async () => {
    const bindView = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "bob-view" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "bob" }],
    };
    const refused = expectStatus(await s.request(`${RBAC}/namespaces/team/rolebindings`, { method: "POST", as: bob, body: bindView }), 403, "Forbidden");
    assert.match(refused.message ?? "", /^rolebindings\.rbac\.authorization\.k8s\.io "bob-view" is forbidden: user "bob" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n\{APIGroups:\[""\], Resources:\["bindings"\], Verbs:\["get" "list" "watch"\]\}\n/);
    const missingRole = expectStatus(
      await s.request(`${RBAC}/namespaces/team/rolebindings`, { method: "POST", as: bob, body: { ...bindView, metadata: { name: "bob-nothing" }, roleRef: { ...bindView.roleRef, kind: "Role", name: "nothing" } } }),
      403,
      "Forbidden",
    );
    assert.equal(missingRole.message, 'rolebindings.rbac.authorization.k8s.io "bob-nothing" is forbidden: roles.rbac.authorization.k8s.io "nothing" not found');

    // The admin lets bob bind `view` (only that role) and escalate roles in the namespace.
    const grant = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "delegate" },
      rules: [
        { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], resourceNames: ["view"], verbs: ["bind"] },
        { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["escalate"] },
      ],
    };
    expectObject(await s.request(`${RBAC}/namespaces/team/roles`, { method: "POST", body: grant }), 201);
    expectObject(
      await s.request(`${RBAC}/namespaces/team/rolebindings`, {
        method: "POST",
        body: { ...bindView, metadata: { name: "bob-delegate" }, roleRef: { ...bindView.roleRef, kind: "Role", name: "delegate" } },
      }),
      201,
    );
    assert.ok(
      await eventually(async () => (await s.request(`${RBAC}/namespaces/team/rolebindings`, { method: "POST", as: bob, body: bindView })).status === 201),
      "bob may now bind view",
    );
    expectObject(await s.request(`${RBAC}/namespaces/team/roles`, { method: "POST", as: bob, body: secretReader }), 201);
  });

  it("an aggregationRule takes every permission to set", T, async () => {
    // carol may write cluster roles, but holds nothing else.
    expectObject(
      await s.request(`${RBAC}/clusterroles`, {
        method: "POST",
        body: {
          apiVersion: "rbac.authorization.k8s.io/v1",
          kind: "ClusterRole",
          metadata: { name: "clusterrole-writer" },
          rules: [{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["create"] }],
        },
      }),
      201,
    );
    expectObject(
      await s.request(`${RBAC}/clusterrolebindings`, {
        method: "POST",
        body: {
          apiVersion: "rbac.authorization.k8s.io/v1",
          kind: "ClusterRoleBinding",
          metadata: { name: "carol-writer" },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "clusterrole-writer" },
          subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "carol" }],
        },
      }),
      201,
    );
    const gatherer = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "gatherer" }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: "y" } }] } };
    let status = await s.request(`${RBAC}/clusterroles`, { method: "POST", body: gatherer, as: { user: "carol" } });
    assert.ok(await eventually(async () => (status = await s.request(`${RBAC}/clusterroles`, { method: "POST", body: gatherer, as: { user: "carol" } })).status !== 403 || /aggregationRule/.test(status.text)));
    assert.equal(expectStatus(status, 403, "Forbidden").message, 'clusterroles.rbac.authorization.k8s.io "gatherer" is forbidden: must have cluster-admin privileges to use the aggregationRule');
    // Without the aggregationRule (and with no rules) carol may create it.
    expectObject(await s.request(`${RBAC}/clusterroles`, { method: "POST", body: { ...gatherer, aggregationRule: undefined }, as: { user: "carol" } }), 201);
  });
});

describe("ClusterRole aggregation", () => {
  it("a new ClusterRole labelled aggregate-to-view joins view, edit and admin", T, async () => {
    const widgets = { apiGroups: ["example.com"], resources: ["widgets"], verbs: ["get", "list", "watch"] };
    expectObject(
      await s.request(`${RBAC}/clusterroles`, {
        method: "POST",
        body: {
          apiVersion: "rbac.authorization.k8s.io/v1",
          kind: "ClusterRole",
          metadata: { name: "widget-viewer", labels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } },
          rules: [widgets],
        },
      }),
      201,
    );
    const has = async (role: string) =>
      (expectObject<{ rules: unknown[] | null } & KubeObject>(await s.request(`${RBAC}/clusterroles/${role}`), 200).rules ?? []).some(
        (r) => isDeepStrictEqual(r, widgets),
      );
    for (const role of ["view", "edit", "admin"]) assert.ok(await eventually(() => has(role), 10_000), `${role} has the widget rule`);
    // Removing the label takes the rules away again.
    expectObject(
      await s.request(`${RBAC}/clusterroles/widget-viewer`, { method: "PATCH", contentType: "application/merge-patch+json", body: { metadata: { labels: null } } }),
      200,
    );
    assert.ok(await eventually(async () => !(await has("view")), 10_000), "view lost the widget rule");
  });
});
