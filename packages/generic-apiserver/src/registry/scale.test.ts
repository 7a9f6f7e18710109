import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { KubeObject } from "@tskube/apimachinery";
import type { SubresourceStorage, UpdatedObjectInfo } from "./rest-storage.js";
import { type TestRegistry, type Widget, edit, openTestRegistry, rejects, scope, widget } from "./test-support.js";

const ns = scope("ns1");

/** A PUT of a Scale body. */
function putScale(body: KubeObject): UpdatedObjectInfo<KubeObject> {
  return { updatedObject: () => structuredClone(body) };
}

/** What `kubectl scale` does: patch spec.replicas of the current Scale. */
function scaleTo(replicas: number): UpdatedObjectInfo<KubeObject> {
  return { updatedObject: (current) => ({ ...(current as KubeObject), spec: { replicas } }) };
}

describe("registry scale subresource", () => {
  let reg: TestRegistry;
  let scaleStorage: SubresourceStorage<KubeObject>;
  before(() => {
    reg = openTestRegistry();
    assert.ok(reg.widgets.scale);
    scaleStorage = reg.widgets.scale;
    assert.equal(reg.gadgets.scale, undefined);
    assert.equal(reg.gadgets.status, undefined);
  });
  after(() => reg.close());

  it("shows the object as an autoscaling/v1 Scale", async () => {
    const w = await reg.widgets.main.create(ns, widget("ns1", "s1", { replicas: 3 }));
    await reg.widgets.status?.update(ns, "s1", edit<Widget>((o) => (o.status = { replicas: 2 })));
    const current = await reg.widgets.main.get(ns, "s1");
    assert.deepEqual(await scaleStorage.get(ns, "s1"), {
      apiVersion: "autoscaling/v1",
      kind: "Scale",
      metadata: {
        name: "s1",
        namespace: "ns1",
        uid: w.metadata.uid,
        resourceVersion: current.metadata.resourceVersion,
        creationTimestamp: w.metadata.creationTimestamp,
      },
      spec: { replicas: 3 },
      status: { replicas: 2, selector: "app=s1" },
    });
    const status = await rejects(scaleStorage.get(ns, "nope"), 404, "NotFound");
    assert.equal(status.message, 'widgets.example.com "nope" not found');
  });

  it("writes spec.replicas through the main resource", async () => {
    await reg.widgets.main.create(ns, widget("ns1", "s2", { replicas: 1, size: "M" }));
    const { object, created } = await scaleStorage.update(ns, "s2", scaleTo(4));
    assert.equal(created, false);
    assert.deepEqual(object.spec, { replicas: 4 });
    const stored = await reg.widgets.main.get(ns, "s2");
    assert.deepEqual(stored.spec, { replicas: 4, size: "M" });
    assert.equal(stored.metadata.generation, 2);
    assert.equal(object.metadata.resourceVersion, stored.metadata.resourceVersion);

    const zero = await scaleStorage.update(ns, "s2", scaleTo(0));
    assert.deepEqual(zero.object.spec, {}, "replicas 0 is left out, as upstream serializes it");
  });

  it("honours the Scale's resourceVersion as a precondition", async () => {
    await reg.widgets.main.create(ns, widget("ns1", "s3"));
    const scale = await scaleStorage.get(ns, "s3");
    await scaleStorage.update(ns, "s3", putScale({ ...scale, spec: { replicas: 2 } }));
    const status = await rejects(scaleStorage.update(ns, "s3", putScale({ ...scale, spec: { replicas: 5 } })), 409, "Conflict");
    assert.match(status.message ?? "", /the object has been modified/);

    const { resourceVersion: _rv, ...meta } = scale.metadata;
    const unconditional = await scaleStorage.update(ns, "s3", putScale({ ...scale, metadata: meta, spec: { replicas: 6 } }));
    assert.deepEqual(unconditional.object.spec, { replicas: 6 });
  });

  it("rejects bad replicas, bad names and missing objects", async () => {
    await reg.widgets.main.create(ns, widget("ns1", "s4"));
    const status = await rejects(scaleStorage.update(ns, "s4", scaleTo(-1)), 422, "Invalid");
    assert.equal(status.message, 'Scale.autoscaling "s4" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    const scale = await scaleStorage.get(ns, "s4");
    await rejects(scaleStorage.update(ns, "s4", putScale({ ...scale, metadata: { ...scale.metadata, name: "x" } })), 400, "BadRequest");
    await rejects(scaleStorage.update(ns, "gone", scaleTo(1)), 404, "NotFound");
  });

  it("dryRun scales nothing", async () => {
    await reg.widgets.main.create(ns, widget("ns1", "s5", { replicas: 1 }));
    const { object } = await scaleStorage.update(scope("ns1", { dryRun: true }), "s5", scaleTo(3));
    assert.deepEqual(object.spec, { replicas: 3 });
    assert.equal((await reg.widgets.main.get(ns, "s5")).spec?.replicas, 1);
  });
});
