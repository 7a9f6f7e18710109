// The built-in tables: every kind kubectl's typed clients send (and those
// served on main) has a decoder, found by group, version and kind; the
// scheme checked every type reference when it was built.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUILTIN_PROTOBUF } from "./index.js";

const KINDS: [group: string, version: string, kinds: string[]][] = [
  ["", "v1", ["ConfigMap", "Secret", "Namespace", "ServiceAccount", "Service", "Pod", "Endpoints", "Event", "ResourceQuota"]],
  ["apps", "v1", ["Deployment"]],
  ["batch", "v1", ["Job", "CronJob"]],
  ["policy", "v1", ["PodDisruptionBudget", "Eviction"]],
  ["scheduling.k8s.io", "v1", ["PriorityClass"]],
  ["networking.k8s.io", "v1", ["Ingress"]],
  ["rbac.authorization.k8s.io", "v1", ["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"]],
  ["authentication.k8s.io", "v1", ["TokenRequest", "SelfSubjectReview"]],
  ["authorization.k8s.io", "v1", ["SelfSubjectAccessReview", "SelfSubjectRulesReview"]],
  ["autoscaling", "v1", ["Scale"]],
  ["meta.k8s.io", "v1", ["DeleteOptions"]],
];

describe("built-in protobuf tables", () => {
  for (const [group, version, kinds] of KINDS) {
    for (const kind of kinds) {
      it(`${group || "core"}/${version} ${kind}: a decoder; an empty message is the Go zero object`, () => {
        const decode = BUILTIN_PROTOBUF.decoderFor({ group, version, kind });
        assert.ok(decode);
        const empty = decode(new Uint8Array());
        if (kind !== "DeleteOptions") assert.deepEqual(empty["metadata"], { creationTimestamp: null });
      });
    }
  }

  it("no decoder for kinds without a table, or other versions", () => {
    assert.equal(BUILTIN_PROTOBUF.decoderFor({ group: "apps", version: "v1", kind: "Nope" }), undefined);
    assert.equal(BUILTIN_PROTOBUF.decoderFor({ group: "apps", version: "v1beta1", kind: "Deployment" }), undefined);
    assert.equal(BUILTIN_PROTOBUF.decoderFor({ group: "example.com", version: "v1", kind: "Widget" }), undefined);
  });

  it("the Pod tables reach all of PodSpec", () => {
    const names = new Set(BUILTIN_PROTOBUF.messageNames());
    for (const m of ["PodSpec", "Container", "EphemeralContainer", "Volume", "VolumeSource", "Probe", "SecurityContext", "Affinity", "TopologySpreadConstraint", "PodResourceClaim"]) {
      assert.ok(names.has(`core/v1.${m}`), m);
    }
    assert.ok(names.size > 200, `${names.size} messages`);
  });
});
