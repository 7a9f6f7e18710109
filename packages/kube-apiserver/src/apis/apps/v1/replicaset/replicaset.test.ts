import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { KubeObject } from "@tskube/apimachinery";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { replicaSetDefinition } from "./definition.js";
import { type ReplicaSet, ReplicaSetSchema } from "./schema.js";

const replicaSet = (name: string, spec: Record<string, unknown>, status?: unknown): unknown => ({
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: { name },
  spec,
  ...(status !== undefined ? { status } : {}),
});
const template = (labels: Record<string, string>, spec: Record<string, unknown> = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: "app", image: "registry:5000/app:v2" }], ...spec },
});
const spec = (more: Record<string, unknown> = {}) => ({ selector: { matchLabels: { app: "web" } }, template: template({ app: "web" }), ...more });
const causes = (status: { details?: { causes?: { field?: string; message?: string }[] } }) =>
  (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);

describe("apps/v1 ReplicaSet", () => {
  let registry: TestCoreRegistry;
  let replicaSets: ResourceStorage<ReplicaSet>;
  before(() => {
    registry = openTestRegistry();
    replicaSets = registry.storeFor(replicaSetDefinition);
  });
  after(() => registry.close());
  const create = (body: unknown) => replicaSets.main.create(scope("default"), decode(replicaSetDefinition, body));

  it("defaults replicas and the pod template, and starts with zero replicas in status", async () => {
    const created = await create(replicaSet("web", spec(), { replicas: 5 }));
    assert.equal(created.spec?.replicas, 1);
    const pod = created.spec?.template?.spec;
    assert.equal(pod?.restartPolicy, "Always");
    assert.equal(pod?.dnsPolicy, "ClusterFirst");
    assert.equal(pod?.containers[0]?.imagePullPolicy, "IfNotPresent");
    assert.deepEqual(created.status, { replicas: 0 });
    assert.equal(created.metadata.generation, 1);
  });

  it("rejects invalid specs with upstream's paths and messages", async () => {
    const status = await rejects(
      create(
        replicaSet("bad", {
          replicas: -2,
          minReadySeconds: -1,
          selector: { matchExpressions: [{ key: "app", operator: "Near", values: ["x"] }] },
          template: template({ app: "web" }),
        }),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      "spec.replicas: Invalid value: -2: must be greater than or equal to 0",
      "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
      'spec.selector.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator',
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Near", Values:[]string{"x"}}}}: invalid label selector',
    ]);
    const empty = await rejects(create(replicaSet("empty", spec({ selector: { matchLabels: {} } }))), 422);
    assert.deepEqual(causes(empty), [
      "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
    ]);
    const template422 = await rejects(
      create(replicaSet("tpl", spec({ template: { metadata: { labels: { app: "web", "bad key": "x" } }, spec: { restartPolicy: "Never", containers: [] } } }))),
      422,
    );
    assert.deepEqual(causes(template422), [
      'spec.template.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')',
      "spec.template.spec.containers: Required value",
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it("keeps the selector immutable and bumps generation on spec changes only", async () => {
    await create(replicaSet("imm", spec()));
    const status = await rejects(
      replicaSets.main.update(scope("default"), "imm", put(replicaSetDefinition, replicaSet("imm", spec({ selector: { matchExpressions: [{ key: "app", operator: "Exists" }] } })))),
      422,
    );
    assert.deepEqual(causes(status), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"Exists", Values:[]string(nil)}}}: field is immutable',
    ]);
    const same = await replicaSets.main.update(scope("default"), "imm", put(replicaSetDefinition, { ...(replicaSet("imm", spec()) as object), metadata: { name: "imm", annotations: { a: "b" } } }));
    assert.equal(same.object.metadata.generation, 1);
    const scaled = await replicaSets.main.update(scope("default"), "imm", put(replicaSetDefinition, replicaSet("imm", spec({ replicas: 2 }))));
    assert.equal(scaled.object.metadata.generation, 2);
  });

  it("writes status through /status with upstream's checks", async () => {
    await create(replicaSet("st", spec()));
    const write = (status: unknown) => replicaSets.status!.update(scope("default"), "st", put(replicaSetDefinition, replicaSet("st", spec({ replicas: 7 }), status)));
    const { object } = await write({ replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 });
    assert.equal(object.spec?.replicas, 1);
    assert.equal(object.status?.readyReplicas, 1);
    const bad = await rejects(write({ replicas: 1, fullyLabeledReplicas: 2, readyReplicas: 0, availableReplicas: 1 }), 422);
    assert.deepEqual(causes(bad), [
      "status.fullyLabeledReplicas: Invalid value: 2: cannot be greater than status.replicas",
      "status.availableReplicas: Invalid value: 1: cannot be greater than readyReplicas",
    ]);
  });

  it("serves the scale subresource and selects on status.replicas", async () => {
    await create(replicaSet("sc", spec({ replicas: 3 })));
    const scale = await replicaSets.scale!.get(scope("default"), "sc");
    assert.deepEqual(scale.spec, { replicas: 3 });
    assert.deepEqual(scale.status, { replicas: 0, selector: "app=web" });
    const { object } = await replicaSets.scale!.update(scope("default"), "sc", { updatedObject: (current: KubeObject | null) => ({ ...current!, spec: {} }) });
    // A Scale without replicas asks for zero (Go's zero value), which Scale leaves out.
    assert.deepEqual(object.spec, {});
    assert.equal((await replicaSets.main.get(scope("default"), "sc")).spec?.replicas, 0);
    assert.equal(replicaSetDefinition.selectableFields!["status.replicas"]!(ReplicaSetSchema.parse({ metadata: {}, status: { replicas: 4 } })), "4");
  });

  it("prints DESIRED, CURRENT, READY and, wide, CONTAINERS, IMAGES, SELECTOR", () => {
    const rs = ReplicaSetSchema.parse({
      metadata: { name: "p" },
      spec: { replicas: 3, selector: { matchLabels: { app: "web", "pod-template-hash": "abc" } }, template: template({ app: "web" }) },
      status: { replicas: 2, readyReplicas: 1 },
    });
    const cells = Object.fromEntries(replicaSetDefinition.tableColumns!.filter((c) => c.name !== "Age").map((c) => [c.name, c.cell(rs)]));
    assert.deepEqual(cells, { Desired: 3, Current: 2, Ready: 1, Containers: "app", Images: "registry:5000/app:v2", Selector: "app=web,pod-template-hash=abc" });
    assert.deepEqual(replicaSetDefinition.tableColumns!.map((c) => `${c.name}:${c.priority ?? 0}`), [
      "Desired:0", "Current:0", "Ready:0", "Age:0", "Containers:1", "Images:1", "Selector:1",
    ]);
  });
});
