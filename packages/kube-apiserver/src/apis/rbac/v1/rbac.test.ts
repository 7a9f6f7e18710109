// rbac.authorization.k8s.io/v1 kinds through their registry stores:
// defaults, upstream's validation messages, immutability, and tables.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { causes, decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../test-support.js";
import { clusterRoleDefinition } from "./clusterrole/definition.js";
import type { ClusterRole } from "./clusterrole/schema.js";
import { clusterRoleBindingDefinition } from "./clusterrolebinding/definition.js";
import type { ClusterRoleBinding } from "./clusterrolebinding/schema.js";
import { roleDefinition } from "./role/definition.js";
import type { Role } from "./role/schema.js";
import { roleBindingDefinition } from "./rolebinding/definition.js";
import type { RoleBinding } from "./rolebinding/schema.js";

const RBAC = "rbac.authorization.k8s.io/v1";
const role = (name: string, rules: unknown): unknown => ({ apiVersion: RBAC, kind: "Role", metadata: { name, namespace: "ns" }, rules });
const clusterRole = (name: string, more: object): unknown => ({ apiVersion: RBAC, kind: "ClusterRole", metadata: { name }, ...more });
const roleBinding = (name: string, roleRef: object, subjects: unknown[]): unknown => ({
  apiVersion: RBAC,
  kind: "RoleBinding",
  metadata: { name, namespace: "ns" },
  roleRef,
  subjects,
});

describe("rbac.authorization.k8s.io/v1 kinds", () => {
  let registry: TestCoreRegistry;
  let roles: ResourceStorage<Role>;
  let clusterRoles: ResourceStorage<ClusterRole>;
  let roleBindings: ResourceStorage<RoleBinding>;
  let clusterRoleBindings: ResourceStorage<ClusterRoleBinding>;
  before(() => {
    registry = openTestRegistry();
    roles = registry.storeFor(roleDefinition);
    clusterRoles = registry.storeFor(clusterRoleDefinition);
    roleBindings = registry.storeFor(roleBindingDefinition);
    clusterRoleBindings = registry.storeFor(clusterRoleBindingDefinition);
  });
  after(() => registry.close());

  it("a Role keeps its rules, has no generation, and writes rules: null when it has none", async () => {
    const created = await roles.main.create(scope("ns"), decode(roleDefinition, role("reader", [{ apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get"] }])));
    assert.deepEqual(created.rules, [{ apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get"] }]);
    assert.equal(created.metadata.generation, undefined);
    const empty = await roles.main.create(scope("ns"), decode(roleDefinition, { apiVersion: RBAC, kind: "Role", metadata: { name: "empty" } }));
    assert.equal(empty.rules, null);
    assert.match(JSON.stringify(empty), /"rules":null/);
  });

  it("rejects bad rules with upstream's messages; Roles may not name non-resource URLs", async () => {
    const status = await rejects(
      roles.main.create(
        scope("ns"),
        decode(
          roleDefinition,
          role("bad", [{ verbs: [] }, { verbs: ["get"], nonResourceURLs: ["/healthz"] }, { verbs: ["get"], apiGroups: [""], resources: ["pods", "secrets"], resourceNames: ["x"] }]),
        ),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      "rules[0].verbs: Required value: verbs must contain at least one value",
      "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
      "rules[0].resources: Required value: resource rules must supply at least one resource",
      'rules[1].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
      "rules[2].resourceNames: Required value: resource names cannot apply to multiple resources",
    ]);
    assert.match(status.message ?? "", /^Role\.rbac\.authorization\.k8s\.io "bad" is invalid: \[/);
  });

  it("ClusterRoles may name non-resource URLs, but not with resources; an aggregationRule needs a selector", async () => {
    await clusterRoles.main.create(scope(""), decode(clusterRoleDefinition, clusterRole("health", { rules: [{ verbs: ["get"], nonResourceURLs: ["/healthz", "/readyz/*"] }] })));
    const status = await rejects(
      clusterRoles.main.create(
        scope(""),
        decode(clusterRoleDefinition, clusterRole("mixed", { rules: [{ verbs: ["get"], apiGroups: [""], nonResourceURLs: ["/x"] }], aggregationRule: {} })),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      'rules[0].nonResourceURLs: Invalid value: []string{"/x"}: rules cannot apply to both regular resources and non-resource URLs',
      "aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil",
    ]);
    const badSelector = await rejects(
      clusterRoles.main.create(
        scope(""),
        decode(clusterRoleDefinition, clusterRole("bad-selector", { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "not a key": "x" } }] } })),
      ),
      422,
    );
    assert.match(causes(badSelector)[0] ?? "", /^aggregationRule\.clusterRoleSelectors\[0\]\.matchLabels: Invalid value: "not a key"/);
  });

  it("binding defaults: the role's group and each subject's group by kind", () => {
    const b = decode(
      roleBindingDefinition,
      roleBinding("defaults", { kind: "Role", name: "reader" }, [
        { kind: "User", name: "alice" },
        { kind: "Group", name: "dev" },
        { kind: "ServiceAccount", name: "builder", apiGroup: "" },
      ]),
    );
    assert.deepEqual(b.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" });
    assert.deepEqual(b.subjects, [
      { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice" },
      { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "dev" },
      { kind: "ServiceAccount", name: "builder" },
    ]);
  });

  it("rejects bad subjects and role references with upstream's messages", async () => {
    const status = await rejects(
      roleBindings.main.create(
        scope("ns"),
        decode(
          roleBindingDefinition,
          roleBinding("bad", { apiGroup: "example.com", kind: "Deployment", name: "a/b" }, [
            { kind: "Robot", name: "r2" },
            { kind: "User", name: "" },
            { kind: "ServiceAccount", name: "Not_Valid", apiGroup: "rbac.authorization.k8s.io" },
          ]),
        ),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      'roleRef.apiGroup: Unsupported value: "example.com": supported values: "rbac.authorization.k8s.io"',
      'roleRef.kind: Unsupported value: "Deployment": supported values: "Role", "ClusterRole"',
      "roleRef.name: Invalid value: \"a/b\": may not contain '/'",
      'subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
      "subjects[1].name: Required value",
      'subjects[1].name: Invalid value: "": user name cannot be empty',
      `subjects[2].name: Invalid value: "Not_Valid": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      'subjects[2].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""',
    ]);
  });

  it("a binding's roleRef cannot change", async () => {
    const body = roleBinding("fixed", { kind: "ClusterRole", name: "view" }, [{ kind: "User", name: "alice" }]);
    await roleBindings.main.create(scope("ns"), decode(roleBindingDefinition, body));
    const status = await rejects(
      roleBindings.main.update(scope("ns"), "fixed", put(roleBindingDefinition, { ...(body as object), roleRef: { kind: "ClusterRole", name: "edit" } })),
      422,
    );
    assert.deepEqual(causes(status), ['roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef']);
    // Subjects may change.
    const updated = await roleBindings.main.update(scope("ns"), "fixed", put(roleBindingDefinition, { ...(body as object), subjects: [{ kind: "Group", name: "dev" }] }));
    assert.equal(updated.object.subjects?.[0]?.name, "dev");
  });

  it("ClusterRoleBindings name only ClusterRoles, and their service accounts need a namespace", async () => {
    const status = await rejects(
      clusterRoleBindings.main.create(
        scope(""),
        decode(clusterRoleBindingDefinition, {
          apiVersion: RBAC,
          kind: "ClusterRoleBinding",
          metadata: { name: "crb" },
          roleRef: { kind: "Role", name: "x" },
          subjects: [{ kind: "ServiceAccount", name: "builder" }],
        }),
      ),
      422,
    );
    assert.deepEqual(causes(status), ['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"', "subjects[0].namespace: Required value"]);
  });

  it("tables: roles show NAME CREATED AT; bindings NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS", () => {
    assert.deepEqual(roleDefinition.tableColumns?.map((c) => c.name), ["Created At"]);
    assert.equal(roleDefinition.ageColumn, false);
    assert.equal(clusterRoleDefinition.ageColumn, false);
    const columns = roleBindingDefinition.tableColumns ?? [];
    assert.deepEqual(columns.map((c) => [c.name, c.priority ?? 0]), [["Role", 0], ["Age", 0], ["Users", 1], ["Groups", 1], ["ServiceAccounts", 1]]);
    const b = decode(
      roleBindingDefinition,
      roleBinding("b", { kind: "ClusterRole", name: "view" }, [
        { kind: "User", name: "alice" },
        { kind: "User", name: "bob" },
        { kind: "Group", name: "dev" },
        { kind: "ServiceAccount", name: "builder", namespace: "ci" },
      ]),
    );
    assert.deepEqual(
      columns.filter((c) => c.name !== "Age").map((c) => c.cell(b)),
      ["ClusterRole/view", "alice, bob", "dev", "ci/builder"],
    );
    assert.deepEqual(clusterRoleBindingDefinition.tableColumns?.map((c) => c.name), ["Role", "Age", "Users", "Groups", "ServiceAccounts"]);
  });
});
