import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage, Scale } from "@tskube/generic-apiserver";
import { causes, decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { replicationControllerDefinition } from "./definition.js";
import type { ReplicationController } from "./schema.js";
import { replicationControllerColumns } from "./table.js";

const template = (labels: Record<string, string> | undefined, spec: Record<string, unknown> = {}) => ({
  ...(labels ? { metadata: { labels } } : {}),
  spec: { containers: [{ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80 }] }], ...spec },
});
const rc = (name: string, spec: Record<string, unknown>, more: Record<string, unknown> = {}): unknown => ({
  apiVersion: "v1",
  kind: "ReplicationController",
  metadata: { name, namespace: "default" },
  spec,
  ...more,
});
const ns = scope("default");

describe("core/v1 ReplicationController", () => {
  let registry: TestCoreRegistry;
  let rcs: ResourceStorage<ReplicationController>;
  before(() => {
    registry = openTestRegistry();
    rcs = registry.storeFor(replicationControllerDefinition);
  });
  after(() => registry.close());

  it("defaults replicas, the selector and labels from the template, and the template's pod spec", async () => {
    const created = await rcs.main.create(ns, decode(replicationControllerDefinition, rc("web", { template: template({ app: "web" }, { hostNetwork: true }) }, { status: { replicas: 7 } })));
    assert.equal(created.spec?.replicas, 1);
    assert.deepEqual(created.spec?.selector, { app: "web" });
    assert.deepEqual(created.metadata.labels, { app: "web" });
    assert.equal(created.metadata.generation, 1);
    assert.deepEqual(created.status, { replicas: 0 });
    const podSpec = created.spec?.template?.spec;
    assert.equal(podSpec?.restartPolicy, "Always");
    assert.equal(podSpec?.dnsPolicy, "ClusterFirst");
    assert.equal(podSpec?.schedulerName, "default-scheduler");
    assert.equal(podSpec?.terminationGracePeriodSeconds, 30);
    assert.deepEqual(podSpec?.securityContext, {});
    assert.equal(podSpec?.enableServiceLinks, undefined, "service links are a pod default only");
    assert.deepEqual(podSpec?.containers[0]?.ports, [{ containerPort: 80, protocol: "TCP" }], "templates get no hostPort");
    assert.equal(podSpec?.containers[0]?.imagePullPolicy, "IfNotPresent");
  });

  it("rejects an empty selector, a template that does not match it and pod specs RCs cannot run", async () => {
    const empty = await rejects(rcs.main.create(ns, decode(replicationControllerDefinition, rc("empty", { replicas: -1, minReadySeconds: -2 }))), 422);
    assert.deepEqual(causes(empty), [
      "spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0",
      "spec.selector: Required value",
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
      "spec.template: Required value",
    ]);
    const mismatch = await rejects(
      rcs.main.create(
        ns,
        decode(
          replicationControllerDefinition,
          rc("mismatch", { selector: { app: "db" }, template: template({ app: "web", "bad key": "x" }, { restartPolicy: "OnFailure", activeDeadlineSeconds: 10 }) }),
        ),
      ),
      422,
    );
    assert.deepEqual(causes(mismatch), [
      'spec.template.metadata.labels: Invalid value: {"app":"web","bad key":"x"}: `selector` does not match template `labels`',
      "spec.template.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported",
    ]);
  });

  it("bumps the generation on spec changes only, keeps status on update and lets the selector change", async () => {
    await rcs.main.create(ns, decode(replicationControllerDefinition, rc("gen", { template: template({ app: "gen" }) })));
    const same = await rcs.main.update(ns, "gen", put(replicationControllerDefinition, { ...(rc("gen", { template: template({ app: "gen" }) }) as object), metadata: { name: "gen", labels: { team: "a" } } }));
    assert.equal(same.object.metadata.generation, 1, "a metadata change is not a new generation");
    const moved = await rcs.main.update(
      ns,
      "gen",
      put(replicationControllerDefinition, rc("gen", { selector: { app: "gen", tier: "web" }, template: template({ app: "gen", tier: "web" }) }, { status: { replicas: 9 } })),
    );
    assert.equal(moved.object.metadata.generation, 2);
    assert.deepEqual(moved.object.spec?.selector, { app: "gen", tier: "web" });
    assert.deepEqual(moved.object.status, { replicas: 0 });
  });

  it("reads and writes replicas through /scale", async () => {
    await rcs.main.create(ns, decode(replicationControllerDefinition, rc("sc", { replicas: 2, selector: { tier: "web", app: "sc" }, template: template({ app: "sc", tier: "web" }) })));
    const scale = (await rcs.scale!.get(ns, "sc")) as Scale;
    assert.deepEqual(scale.spec, { replicas: 2 });
    assert.deepEqual(scale.status, { replicas: 0, selector: "app=sc,tier=web" });
    const { object } = await rcs.scale!.update(ns, "sc", { updatedObject: (s) => ({ ...s!, spec: { replicas: 5 } }) });
    assert.deepEqual((object as Scale).spec, { replicas: 5 });
    const stored = await rcs.main.get(ns, "sc");
    assert.equal(stored.spec?.replicas, 5);
    assert.equal(stored.metadata.generation, 2);
    await rejects(rcs.scale!.update(ns, "sc", { updatedObject: (s) => ({ ...s!, spec: { replicas: -1 } }) }), 422);
  });

  it("checks the counts a status write reports, and keeps the spec", async () => {
    await rcs.main.create(ns, decode(replicationControllerDefinition, rc("st", { template: template({ app: "st" }) })));
    const bad = await rejects(
      rcs.status!.update(ns, "st", put(replicationControllerDefinition, rc("st", { template: template({ app: "st" }) }, { status: { replicas: 1, readyReplicas: 2, availableReplicas: 3 } }))),
      422,
    );
    assert.deepEqual(causes(bad), [
      "status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas",
      "status.availableReplicas: Invalid value: 3: cannot be greater than status.replicas",
      "status.availableReplicas: Invalid value: 3: cannot be greater than readyReplicas",
    ]);
    const { object } = await rcs.status!.update(
      ns,
      "st",
      put(replicationControllerDefinition, rc("st", { replicas: 4, template: template({ app: "st" }) }, { status: { replicas: 1, readyReplicas: 1, observedGeneration: 1 } })),
    );
    assert.deepEqual(object.status, { replicas: 1, readyReplicas: 1, observedGeneration: 1 });
    assert.equal(object.spec?.replicas, 1);
  });

  it("warns about names that are not DNS labels", async () => {
    const warnings: string[] = [];
    await rcs.main.create({ ...ns, warnings }, decode(replicationControllerDefinition, rc("web.v1", { template: template({ app: "dotted" }) })));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? "", /^metadata\.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: \[/);
  });

  it("prints DESIRED CURRENT READY, and CONTAINERS IMAGES SELECTOR with -o wide", () => {
    const c = decode(
      replicationControllerDefinition,
      rc("t", {
        replicas: 3,
        template: template({ b: "2", a: "1" }, { containers: [{ name: "web", image: "nginx" }, { name: "sidecar", image: "busybox:1.36" }] }),
      }, { status: { replicas: 2, readyReplicas: 1 } }),
    );
    const cells = Object.fromEntries(replicationControllerColumns.filter((col) => col.name !== "Age").map((col) => [col.name, col.cell(c)]));
    assert.deepEqual(cells, { Desired: 3, Current: 2, Ready: 1, Containers: "web,sidecar", Images: "nginx,busybox:1.36", Selector: "a=1,b=2" });
    assert.deepEqual(
      replicationControllerColumns.map((col) => `${col.name}${col.priority ? "*" : ""}`),
      ["Desired", "Current", "Ready", "Age", "Containers*", "Images*", "Selector*"],
    );
    assert.equal(replicationControllerDefinition.selectableFields?.["status.replicas"]?.(c), "2");
    assert.deepEqual(replicationControllerDefinition.categories, ["all"]);
  });
});
