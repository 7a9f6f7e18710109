import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { KubeObject } from "@tskube/apimachinery";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { statefulSetDefinition } from "./definition.js";
import { type StatefulSet, StatefulSetSchema } from "./schema.js";
import { FORBIDDEN_UPDATE_MESSAGE } from "./validation.js";

const statefulSet = (name: string, spec: Record<string, unknown>, status?: unknown): unknown => ({
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name },
  spec,
  ...(status !== undefined ? { status } : {}),
});
const claim = { metadata: { name: "www" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } };
const spec = (more: Record<string, unknown> = {}) => ({
  serviceName: "nginx",
  selector: { matchLabels: { app: "nginx" } },
  template: {
    metadata: { labels: { app: "nginx" } },
    spec: { containers: [{ name: "nginx", image: "nginx:1.27", volumeMounts: [{ name: "www", mountPath: "/usr/share/nginx/html" }] }] },
  },
  volumeClaimTemplates: [claim],
  ...more,
});
const causes = (status: { details?: { causes?: { field?: string; message?: string }[] } }) =>
  (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);

describe("apps/v1 StatefulSet", () => {
  let registry: TestCoreRegistry;
  let statefulSets: ResourceStorage<StatefulSet>;
  before(() => {
    registry = openTestRegistry();
    statefulSets = registry.storeFor(statefulSetDefinition);
  });
  after(() => registry.close());
  const create = (body: unknown, s = scope("default")) => statefulSets.main.create(s, decode(statefulSetDefinition, body));
  const update = (name: string, body: unknown) => statefulSets.main.update(scope("default"), name, put(statefulSetDefinition, body));

  it("gets upstream's defaults on create, claim templates included", async () => {
    const created = await create(statefulSet("web", spec()));
    const s = created.spec!;
    assert.equal(s.replicas, 1);
    assert.equal(s.podManagementPolicy, "OrderedReady");
    assert.deepEqual(s.updateStrategy, { type: "RollingUpdate", rollingUpdate: { partition: 0 } });
    assert.deepEqual(s.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Retain", whenScaled: "Retain" });
    assert.equal(s.revisionHistoryLimit, 10);
    assert.equal(s.serviceName, "nginx");
    assert.equal(s.template?.spec?.terminationGracePeriodSeconds, 30);
    assert.equal(s.template?.spec?.containers[0]?.imagePullPolicy, "IfNotPresent");
    assert.deepEqual(s.volumeClaimTemplates, [
      { ...claim, spec: { ...claim.spec, volumeMode: "Filesystem" }, status: { phase: "Pending" } },
    ]);
    assert.deepEqual(created.status, { replicas: 0, availableReplicas: 0 });
    assert.equal(created.metadata.generation, 1);
  });

  it("keeps an explicit RollingUpdate without parameters, and drops maxUnavailable (feature off)", () => {
    const explicit = decode(statefulSetDefinition, statefulSet("e", spec({ updateStrategy: { type: "RollingUpdate" } })));
    assert.deepEqual(explicit.spec?.updateStrategy, { type: "RollingUpdate" });
    const onDelete = decode(statefulSetDefinition, statefulSet("o", spec({ updateStrategy: { type: "OnDelete" } })));
    assert.deepEqual(onDelete.spec?.updateStrategy, { type: "OnDelete" });
  });

  it("drops rollingUpdate.maxUnavailable on create, as upstream does with the feature off", async () => {
    const created = await create(statefulSet("mu", spec({ updateStrategy: { rollingUpdate: { partition: 2, maxUnavailable: 2 } } })));
    assert.deepEqual(created.spec?.updateStrategy, { type: "RollingUpdate", rollingUpdate: { partition: 2 } });
  });

  it("rejects invalid specs with upstream's paths and messages", async () => {
    const status = await rejects(
      create(
        statefulSet("bad", {
          ...spec(),
          replicas: -1,
          podManagementPolicy: "Random",
          updateStrategy: { type: "OnDelete", rollingUpdate: { partition: 1 } },
          persistentVolumeClaimRetentionPolicy: { whenDeleted: "Keep", whenScaled: "Delete" },
          ordinals: { start: -3 },
          selector: { matchLabels: { app: "db" } },
          template: { metadata: { labels: { app: "nginx" } }, spec: { restartPolicy: "Never", activeDeadlineSeconds: 10, containers: [] } },
        }),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      'spec.podManagementPolicy: Invalid value: "Random": must be \'OrderedReady\' or \'Parallel\'',
      "spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'",
      'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
      "spec.ordinals.start: Invalid value: -3: must be greater than or equal to 0",
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported",
    ]);
    const strategy = await rejects(create(statefulSet("strat", spec({ updateStrategy: { type: "Canary" }, selector: {} }))), 422);
    assert.deepEqual(causes(strategy), [
      "spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:\"Canary\", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'",
      "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset",
    ]);
    // StatefulSet names are DNS labels.
    const name = await rejects(create(statefulSet("web.v1", spec())), 422);
    assert.deepEqual(causes(name), ['metadata.name: Invalid value: "web.v1": must not contain dots']);
  });

  it("allows updates of replicas, template, updateStrategy, ... and forbids the rest with upstream's message", async () => {
    await create(statefulSet("upd", spec()));
    const { object } = await update(
      "upd",
      statefulSet("upd", spec({ replicas: 3, minReadySeconds: 5, updateStrategy: { type: "OnDelete" }, persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete" } })),
    );
    assert.equal(object.spec?.replicas, 3);
    assert.equal(object.metadata.generation, 2);
    assert.deepEqual(object.spec?.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Delete", whenScaled: "Retain" });

    for (const change of [{ serviceName: "other" }, { volumeClaimTemplates: [] }, { podManagementPolicy: "Parallel" }, { revisionHistoryLimit: 3 }]) {
      const status = await rejects(update("upd", statefulSet("upd", spec({ replicas: 3, ...change }))), 422);
      assert.deepEqual(causes(status), [`spec: Forbidden: ${FORBIDDEN_UPDATE_MESSAGE}`], JSON.stringify(change));
    }
    const selector = await rejects(
      update("upd", statefulSet("upd", spec({ selector: { matchLabels: { app: "nginx", v: "2" } }, template: { metadata: { labels: { app: "nginx", v: "2" } }, spec: { containers: [{ name: "n", image: "n" }] } } }))),
      422,
    );
    assert.deepEqual(causes(selector), [`spec: Forbidden: ${FORBIDDEN_UPDATE_MESSAGE}`]);
  });

  it("checks status writes and warns on a negative revisionHistoryLimit", async () => {
    const s = scope("default");
    await create(statefulSet("st", spec({ revisionHistoryLimit: -1 })), s);
    assert.deepEqual(s.warnings, ["spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended"]);
    const write = (status: unknown) => statefulSets.status!.update(scope("default"), "st", put(statefulSetDefinition, statefulSet("st", spec({ revisionHistoryLimit: -1 }), status)));
    const ok = await write({ replicas: 2, readyReplicas: 2, availableReplicas: 1, currentRevision: "st-abc", updateRevision: "st-abc", collisionCount: 1 });
    assert.equal(ok.object.status?.currentRevision, "st-abc");
    const bad = await rejects(write({ replicas: 1, readyReplicas: 1, availableReplicas: 2, updatedReplicas: 3 }), 422);
    assert.deepEqual(causes(bad), [
      "status.updatedReplicas: Invalid value: 3: cannot be greater than status.replicas",
      "status.availableReplicas: Invalid value: 2: cannot be greater than status.replicas",
      "status.availableReplicas: Invalid value: 2: cannot be greater than status.readyReplicas",
      "status.collisionCount: Invalid value: 0: cannot be decremented",
    ]);
  });

  it("serves the scale subresource", async () => {
    await create(statefulSet("sc", spec({ replicas: 2 })));
    const scale = await statefulSets.scale!.get(scope("default"), "sc");
    assert.deepEqual([scale.spec, scale.status], [{ replicas: 2 }, { replicas: 0, selector: "app=nginx" }]);
    await statefulSets.scale!.update(scope("default"), "sc", { updatedObject: (current: KubeObject | null) => ({ ...current!, spec: { replicas: 5 } }) });
    const stored = await statefulSets.main.get(scope("default"), "sc");
    assert.equal(stored.spec?.replicas, 5);
    assert.equal(stored.metadata.generation, 2);
  });

  it("prints READY and, wide, CONTAINERS and IMAGES", () => {
    const sts = StatefulSetSchema.parse({
      metadata: { name: "p" },
      spec: { replicas: 3, template: { spec: { containers: [{ name: "db", image: "postgres:16" }] } } },
      status: { replicas: 3, readyReplicas: 1 },
    });
    const cells = Object.fromEntries(statefulSetDefinition.tableColumns!.filter((c) => c.name !== "Age").map((c) => [c.name, c.cell(sts)]));
    assert.deepEqual(cells, { Ready: "1/3", Containers: "db", Images: "postgres:16" });
    assert.deepEqual(statefulSetDefinition.tableColumns!.map((c) => `${c.name}:${c.priority ?? 0}`), ["Ready:0", "Age:0", "Containers:1", "Images:1"]);
  });
});
