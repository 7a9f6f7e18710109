// Covers, as the escalation check and reconciliation use it, and the
// compact form upstream's escalation message lists missing rules in.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PolicyRule } from "../apis/rbac/v1/policy-rule/schema.js";
import { breakdownRule, compactRules, compactString, covers } from "./covers.js";

describe("covers", () => {
  it("breaks rules into atoms: one group, resource, verb and name; or one URL and verb", () => {
    assert.deepEqual(breakdownRule({ apiGroups: ["", "apps"], resources: ["pods"], verbs: ["get", "list"] }), [
      { apiGroups: [""], resources: ["pods"], verbs: ["get"] },
      { apiGroups: [""], resources: ["pods"], verbs: ["list"] },
      { apiGroups: ["apps"], resources: ["pods"], verbs: ["get"] },
      { apiGroups: ["apps"], resources: ["pods"], verbs: ["list"] },
    ]);
    assert.deepEqual(breakdownRule({ apiGroups: [""], resources: ["configmaps"], resourceNames: ["a", "b"], verbs: ["get"] }).length, 2);
    assert.deepEqual(breakdownRule({ nonResourceURLs: ["/a", "/b"], verbs: ["get"] }), [
      { nonResourceURLs: ["/a"], verbs: ["get"] },
      { nonResourceURLs: ["/b"], verbs: ["get"] },
    ]);
  });

  it("wildcards, subresources, names and URL prefixes cover what they should", () => {
    const owner: PolicyRule[] = [
      { apiGroups: ["*"], resources: ["*/scale"], verbs: ["*"] },
      { apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"], verbs: ["get"] },
      { apiGroups: [""], resources: ["pods"], verbs: ["get"] },
      { nonResourceURLs: ["/healthz/*"], verbs: ["get"] },
    ];
    assert.ok(covers(owner, [{ apiGroups: ["apps"], resources: ["deployments/scale"], verbs: ["update"] }]).covered);
    assert.ok(covers(owner, [{ apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"], verbs: ["get"] }]).covered);
    assert.ok(!covers(owner, [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]).covered, "a name-limited rule does not cover all names");
    assert.ok(!covers(owner, [{ apiGroups: [""], resources: ["pods/log"], verbs: ["get"] }]).covered, "pods does not cover pods/log");
    assert.ok(covers(owner, [{ nonResourceURLs: ["/healthz/etcd"], verbs: ["get"] }]).covered);
    assert.ok(!covers(owner, [{ nonResourceURLs: ["/healthz"], verbs: ["get"] }]).covered);
    const { missing } = covers(owner, [{ apiGroups: [""], resources: ["pods", "secrets"], verbs: ["get", "list"] }]);
    assert.deepEqual(missing, [
      { apiGroups: [""], resources: ["pods"], verbs: ["list"] },
      { apiGroups: [""], resources: ["secrets"], verbs: ["get"] },
      { apiGroups: [""], resources: ["secrets"], verbs: ["list"] },
    ]);
    assert.ok(covers([{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }, { nonResourceURLs: ["*"], verbs: ["*"] }], owner).covered, "cluster-admin covers all");
  });

  it("compacts atoms of one group and resource into one rule per resource, printed as upstream", () => {
    const atoms = [
      { apiGroups: [""], resources: ["secrets"], verbs: ["get"] },
      { apiGroups: [""], resources: ["secrets"], verbs: ["list"] },
      { apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"], verbs: ["get"] },
      { nonResourceURLs: ["/metrics"], verbs: ["get"] },
    ];
    assert.deepEqual(compactRules(atoms).map(compactString), [
      '{APIGroups:[""], Resources:["configmaps"], ResourceNames:["a"], Verbs:["get"]}',
      '{NonResourceURLs:["/metrics"], Verbs:["get"]}',
      '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}',
    ]);
  });
});
