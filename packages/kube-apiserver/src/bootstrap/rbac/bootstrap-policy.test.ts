// The default RBAC policy on storage: created at start, reconciled on the
// next start (missing rules and subjects added, extra ones kept, labels and
// annotations merged, a changed roleRef replaced), and objects annotated
// autoupdate=false left alone.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { RequestScope } from "@tskube/generic-apiserver";
import { rbacRegistryStorage } from "../../apis/rbac/v1/group.js";
import type { RBACStorage } from "../../rbac/policy-snapshot.js";
import { openTestRegistry, type TestCoreRegistry } from "../../apis/test-support.js";
import { ensureBootstrapPolicy } from "./ensure.js";
import { AUTO_UPDATE_ANNOTATION, bootstrapClusterRoleBindings, bootstrapClusterRoles } from "./policy.js";

const cluster: RequestScope = { namespace: "", dryRun: false, warnings: [] };

describe("RBAC bootstrap policy", () => {
  let registry: TestCoreRegistry;
  let rbac: RBACStorage;
  before(() => {
    registry = openTestRegistry();
    rbac = rbacRegistryStorage(registry.storage);
  });
  after(() => registry.close());

  it("creates upstream's roles and bindings, labelled and annotated, once", async () => {
    const created = await ensureBootstrapPolicy(rbac);
    for (const name of ["cluster-admin", "admin", "edit", "view", "system:discovery", "system:basic-user", "system:public-info-viewer", "system:service-account-issuer-discovery", "system:auth-delegator", "system:kube-aggregator"]) {
      assert.ok(created.includes(`clusterroles/${name}`), name);
    }
    assert.ok(created.includes("roles/kube-system/extension-apiserver-authentication-reader"));
    assert.ok(created.includes("rolebindings/kube-system/system::extension-apiserver-authentication-reader"));
    const admin = await rbac.clusterRoles.get(cluster, "cluster-admin");
    assert.deepEqual(admin.rules, [
      { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
      { nonResourceURLs: ["*"], verbs: ["*"] },
    ]);
    assert.deepEqual(admin.metadata.labels, { "kubernetes.io/bootstrapping": "rbac-defaults" });
    assert.deepEqual(admin.metadata.annotations, { [AUTO_UPDATE_ANNOTATION]: "true" });
    const view = await rbac.clusterRoles.get(cluster, "view");
    assert.deepEqual(view.aggregationRule, { clusterRoleSelectors: [{ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } }] });
    const publicInfo = await rbac.clusterRoleBindings.get(cluster, "system:public-info-viewer");
    assert.deepEqual(publicInfo.subjects?.map((s) => s.name), ["system:authenticated", "system:unauthenticated"]);
    assert.deepEqual((await rbac.clusterRoleBindings.get(cluster, "system:discovery")).subjects?.map((s) => s.name), ["system:authenticated"]);
    const masters = await rbac.clusterRoleBindings.get(cluster, "cluster-admin");
    assert.deepEqual(masters.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" });
    assert.deepEqual(masters.subjects, [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "system:masters" }]);
    assert.deepEqual(await ensureBootstrapPolicy(rbac), [], "nothing to do the second time");
  });

  it("on restart adds missing rules and subjects, keeps what was added, replaces a binding whose roleRef changed", async () => {
    const expectedDiscovery = bootstrapClusterRoles().find((r) => r.metadata.name === "system:discovery");
    const discovery = await rbac.clusterRoles.get(cluster, "system:discovery");
    const extra = { apiGroups: [""], resources: ["configmaps"], verbs: ["get"] };
    await rbac.clusterRoles.update(cluster, "system:discovery", {
      updatedObject: () => ({ ...discovery, metadata: { ...discovery.metadata, labels: { mine: "yes" } }, rules: [extra] }),
    });
    const basic = await rbac.clusterRoleBindings.get(cluster, "system:basic-user");
    await rbac.clusterRoleBindings.update(cluster, "system:basic-user", {
      updatedObject: () => ({ ...basic, subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "someone" }] }),
    });
    // A binding's roleRef cannot be changed in place: delete it and bind another role under its name.
    await rbac.clusterRoleBindings.delete(cluster, "system:monitoring", {});
    const monitoring = bootstrapClusterRoleBindings().find((b) => b.metadata.name === "system:monitoring");
    await rbac.clusterRoleBindings.create(cluster, { ...monitoring!, roleRef: { ...monitoring!.roleRef, name: "view" } });

    const changed = await ensureBootstrapPolicy(rbac);
    assert.deepEqual(changed.sort(), [
      "clusterrolebindings/system:basic-user (updated)",
      "clusterrolebindings/system:monitoring (recreated: its roleRef differed)",
      "clusterroles/system:discovery (added 11 missing rules)",
    ]);
    const reconciled = await rbac.clusterRoles.get(cluster, "system:discovery");
    assert.deepEqual(reconciled.rules?.[0], extra, "extra rules are kept");
    assert.equal(reconciled.rules?.length, 1 + (expectedDiscovery?.rules?.[0]?.nonResourceURLs?.length ?? 0));
    assert.deepEqual(reconciled.metadata.labels, { mine: "yes", "kubernetes.io/bootstrapping": "rbac-defaults" });
    assert.deepEqual((await rbac.clusterRoleBindings.get(cluster, "system:basic-user")).subjects?.map((s) => s.name), ["someone", "system:authenticated"]);
    assert.equal((await rbac.clusterRoleBindings.get(cluster, "system:monitoring")).roleRef.name, "system:monitoring");
  });

  it("leaves an object annotated autoupdate=false as it is", async () => {
    const edit = await rbac.clusterRoles.get(cluster, "system:aggregate-to-edit");
    await rbac.clusterRoles.update(cluster, "system:aggregate-to-edit", {
      updatedObject: () => ({ ...edit, metadata: { ...edit.metadata, annotations: { [AUTO_UPDATE_ANNOTATION]: "false" } }, rules: [] }),
    });
    assert.deepEqual(await ensureBootstrapPolicy(rbac), []);
    assert.deepEqual((await rbac.clusterRoles.get(cluster, "system:aggregate-to-edit")).rules, []);
  });
});
