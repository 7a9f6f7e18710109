import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { daemonSetDefinition } from "./definition.js";
import { type DaemonSet, DaemonSetSchema, TEMPLATE_GENERATION_ANNOTATION } from "./schema.js";

const daemonSet = (name: string, spec: Record<string, unknown>, more: Record<string, unknown> = {}): unknown => ({
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: { name },
  spec,
  ...more,
});
const template = (image = "fluentd:v1") => ({ metadata: { labels: { app: "logs" } }, spec: { containers: [{ name: "fluentd", image }] } });
const spec = (more: Record<string, unknown> = {}) => ({ selector: { matchLabels: { app: "logs" } }, template: template(), ...more });
const causes = (status: { details?: { causes?: { field?: string; message?: string }[] } }) =>
  (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);

describe("apps/v1 DaemonSet", () => {
  let registry: TestCoreRegistry;
  let daemonSets: ResourceStorage<DaemonSet>;
  before(() => {
    registry = openTestRegistry();
    daemonSets = registry.storeFor(daemonSetDefinition);
  });
  after(() => registry.close());
  const create = (body: unknown) => daemonSets.main.create(scope("kube-system"), decode(daemonSetDefinition, body));
  const update = (name: string, body: unknown) => daemonSets.main.update(scope("kube-system"), name, put(daemonSetDefinition, body));

  it("gets upstream's defaults, status and template generation on create", async () => {
    const created = await create(daemonSet("logs", spec()));
    assert.deepEqual(created.spec?.updateStrategy, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    assert.equal(created.spec?.revisionHistoryLimit, 10);
    assert.equal(created.spec?.template?.spec?.schedulerName, "default-scheduler");
    assert.deepEqual(created.status, { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 });
    assert.deepEqual(created.metadata.annotations, { [TEMPLATE_GENERATION_ANNOTATION]: "1" });
    assert.equal(created.metadata.generation, 1);
    const onDelete = decode(daemonSetDefinition, daemonSet("od", spec({ updateStrategy: { type: "OnDelete" } })));
    assert.deepEqual(onDelete.spec?.updateStrategy, { type: "OnDelete" });
  });

  it("counts template generations: up on template changes only, never set by clients", async () => {
    await create(daemonSet("tg", spec()));
    const generationOf = (ds: DaemonSet) => [ds.metadata.generation, ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION]];
    const minReady = await update("tg", daemonSet("tg", spec({ minReadySeconds: 5 })));
    assert.deepEqual(generationOf(minReady.object), [2, "1"]);
    const newImage = await update("tg", daemonSet("tg", spec({ minReadySeconds: 5, template: template("fluentd:v2") })));
    assert.deepEqual(generationOf(newImage.object), [3, "2"]);
    const forged = await update("tg", { ...(daemonSet("tg", spec({ minReadySeconds: 5, template: template("fluentd:v2") })) as object), metadata: { name: "tg", annotations: { [TEMPLATE_GENERATION_ANNOTATION]: "9" } } });
    assert.deepEqual(generationOf(forged.object), [3, "2"]);
  });

  it("rejects invalid specs with upstream's paths and messages", async () => {
    const noSelector = await rejects(create(daemonSet("nosel", { template: template() })), 422);
    assert.deepEqual(causes(noSelector), ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"logs"}: `selector` does not match template `labels`']);

    const bad = await rejects(
      create(
        daemonSet("bad", {
          selector: {},
          template: { metadata: { labels: { app: "logs" } }, spec: { restartPolicy: "OnFailure", activeDeadlineSeconds: 1, containers: [{ name: "c", image: "c" }] } },
          minReadySeconds: -1,
          updateStrategy: { rollingUpdate: { maxUnavailable: "10%", maxSurge: 1 } },
          revisionHistoryLimit: -1,
        }),
      ),
      422,
    );
    assert.deepEqual(causes(bad), [
      "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset",
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported",
      "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0",
      "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:\"\"}: may not be set when maxUnavailable is non-zero",
      "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
    ]);
    const zero = await rejects(create(daemonSet("zero", spec({ updateStrategy: { rollingUpdate: { maxUnavailable: 0 } } }))), 422);
    assert.deepEqual(causes(zero), ["spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"]);
    const unknown = await rejects(create(daemonSet("unk", spec({ updateStrategy: { type: "Surge", rollingUpdate: { maxSurge: 1 } } }))), 422);
    assert.deepEqual(causes(unknown), [
      'spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Surge", RollingUpdate:(*apps.RollingUpdateDaemonSet)(0xc000010000)}: supported values: "RollingUpdate", "OnDelete"',
    ]);
  });

  it("keeps the selector immutable and checks status writes", async () => {
    await create(daemonSet("imm", spec()));
    const status = await rejects(update("imm", daemonSet("imm", spec({ selector: { matchLabels: { app: "logs", v: "2" } }, template: { ...template(), metadata: { labels: { app: "logs", v: "2" } } } }))), 422);
    assert.deepEqual(causes(status), [
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"logs", "v":"2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    const write = (s: unknown) => daemonSets.status!.update(scope("kube-system"), "imm", put(daemonSetDefinition, daemonSet("imm", spec(), { status: s })));
    const { object } = await write({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 3, collisionCount: 1 });
    assert.equal(object.status?.numberReady, 2);
    assert.equal(object.status?.numberMisscheduled, 0);
    const bad = await rejects(write({ desiredNumberScheduled: -1, numberUnavailable: -2 }), 422);
    assert.deepEqual(causes(bad), [
      "status.desiredNumberScheduled: Invalid value: -1: must be greater than or equal to 0",
      "status.numberUnavailable: Invalid value: -2: must be greater than or equal to 0",
      "status.collisionCount: Invalid value: 0: cannot be decremented",
    ]);
    assert.equal(daemonSets.scale, undefined);
  });

  it("prints DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR and, wide, CONTAINERS IMAGES SELECTOR", () => {
    const ds = DaemonSetSchema.parse({
      metadata: { name: "p" },
      spec: {
        selector: { matchLabels: { app: "logs" } },
        template: { spec: { nodeSelector: { "kubernetes.io/os": "linux", disk: "ssd" }, containers: [{ name: "a", image: "a:1" }] } },
      },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 1, numberAvailable: 2 },
    });
    const cells = Object.fromEntries(daemonSetDefinition.tableColumns!.filter((c) => c.name !== "Age").map((c) => [c.name, c.cell(ds)]));
    assert.deepEqual(cells, {
      Desired: 3, Current: 3, Ready: 2, "Up-to-date": 1, Available: 2, "Node Selector": "disk=ssd,kubernetes.io/os=linux",
      Containers: "a", Images: "a:1", Selector: "app=logs",
    });
    assert.equal(daemonSetDefinition.tableColumns!.find((c) => c.name === "Node Selector")!.cell(DaemonSetSchema.parse({ metadata: {} })), "<none>");
    assert.deepEqual(daemonSetDefinition.tableColumns!.map((c) => `${c.name}:${c.priority ?? 0}`), [
      "Desired:0", "Current:0", "Ready:0", "Up-to-date:0", "Available:0", "Node Selector:0", "Age:0", "Containers:1", "Images:1", "Selector:1",
    ]);
  });
});
