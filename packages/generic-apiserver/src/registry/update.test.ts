import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { OPTIMISTIC_LOCK_ERROR_MSG } from "@tskube/apimachinery";
import type { Store } from "@tskube/storage";
import { createRegistryStore } from "./create-registry-store.js";
import {
  type TestRegistry,
  type Widget,
  edit,
  gadget,
  openTestRegistry,
  put,
  rejects,
  scope,
  widget,
  widgetDefinition,
} from "./test-support.js";

const ns = scope("ns1");

describe("registry update", () => {
  let reg: TestRegistry;
  before(() => {
    reg = openTestRegistry();
  });
  after(() => reg.close());

  async function created(name: string, spec: Widget["spec"] = { replicas: 1 }): Promise<Widget> {
    return reg.widgets.main.create(ns, widget("ns1", name, spec));
  }

  it("replaces the object and moves the resourceVersion", async () => {
    const w = await created("u1");
    const { object, created: wasCreated } = await reg.widgets.main.update(ns, "u1", put({ ...w, spec: { replicas: 2 } }));
    assert.equal(wasCreated, false);
    assert.equal(object.spec?.replicas, 2);
    assert.notEqual(object.metadata.resourceVersion, w.metadata.resourceVersion);
    assert.equal(object.metadata.uid, w.metadata.uid);
    assert.equal(object.metadata.creationTimestamp, w.metadata.creationTimestamp);
    assert.equal(object.kind, "Widget");
  });

  it("answers 409 Conflict for a stale resourceVersion", async () => {
    const w = await created("u-stale");
    await reg.widgets.main.update(ns, "u-stale", put({ ...w, spec: { replicas: 2 } }));
    const status = await rejects(reg.widgets.main.update(ns, "u-stale", put({ ...w, spec: { replicas: 3 } })), 409, "Conflict");
    assert.equal(status.message, `Operation cannot be fulfilled on widgets.example.com "u-stale": ${OPTIMISTIC_LOCK_ERROR_MSG}`);
  });

  it("allows a PUT without resourceVersion only where the strategy allows it", async () => {
    const w = await created("u-norv");
    const { resourceVersion: _rv, ...meta } = w.metadata;
    const { object } = await reg.widgets.main.update(ns, "u-norv", put({ ...w, metadata: meta, spec: { replicas: 5 } }));
    assert.equal(object.spec?.replicas, 5);

    const g = await reg.gadgets.main.create(scope(""), gadget("g-norv"));
    const { resourceVersion: _grv, ...gmeta } = g.metadata;
    const status = await rejects(reg.gadgets.main.update(scope(""), "g-norv", put({ ...g, metadata: gmeta })), 422, "Invalid");
    assert.equal(status.message, 'gadgets.example.com "g-norv" is invalid: metadata.resourceVersion: Invalid value: 0: must be specified for an update');
  });

  it("creates on update only where the strategy allows it", async () => {
    const { object, created: wasCreated } = await reg.gadgets.main.update(scope(""), "g-new", put(gadget("g-new")));
    assert.equal(wasCreated, true);
    assert.equal(object.metadata.generation, 1);
    assert.ok(object.metadata.uid);

    const status = await rejects(reg.widgets.main.update(ns, "missing", put(widget("ns1", "missing"))), 404, "NotFound");
    assert.equal(status.message, 'widgets.example.com "missing" not found');
    const forced = await reg.widgets.main.update(ns, "forced", put(widget("ns1", "forced")), { forceAllowCreate: true });
    assert.equal(forced.created, true);
  });

  it("rejects a body that names another object or namespace", async () => {
    const w = await created("u-name");
    let status = await rejects(reg.widgets.main.update(ns, "u-name", put({ ...w, metadata: { ...w.metadata, name: "other" } })), 400, "BadRequest");
    assert.equal(status.message, "the name of the object (other) does not match the name on the URL (u-name)");
    status = await rejects(reg.widgets.main.update(ns, "u-name", put({ ...w, metadata: { ...w.metadata, namespace: "ns2" } })), 400, "BadRequest");
    assert.equal(status.message, "the namespace of the object (ns2) does not match the namespace on the request (ns1)");
  });

  it("keeps the stored uid and creationTimestamp; a different uid in a PUT is a precondition", async () => {
    const w = await created("u-meta");
    const { object } = await reg.widgets.main.update(
      ns,
      "u-meta",
      edit<Widget>((o) => {
        o.metadata.creationTimestamp = "2000-01-01T00:00:00Z";
        o.metadata.generation = 42;
      }),
    );
    assert.equal(object.metadata.creationTimestamp, w.metadata.creationTimestamp);
    assert.equal(object.metadata.generation, 1);

    const status = await rejects(reg.widgets.main.update(ns, "u-meta", put({ ...object, metadata: { ...object.metadata, uid: "other-uid" } })), 409, "Conflict");
    assert.match(status.message ?? "", /Precondition failed: UID in precondition: other-uid/);

    const immutable = await rejects(reg.widgets.main.update(ns, "u-meta", edit<Widget>((o) => (o.metadata.uid = "other-uid"))), 422, "Invalid");
    assert.equal(immutable.details?.causes?.[0]?.field, "metadata.uid");
    assert.match(immutable.message ?? "", /field is immutable/);
  });

  it("bumps generation only when the spec changes", async () => {
    await created("u-gen");
    let { object } = await reg.widgets.main.update(ns, "u-gen", edit<Widget>((o) => (o.metadata.labels = { a: "b" })));
    assert.equal(object.metadata.generation, 1, "metadata changes keep the generation");
    ({ object } = await reg.widgets.main.update(ns, "u-gen", edit<Widget>((o) => (o.spec = { replicas: 3 }))));
    assert.equal(object.metadata.generation, 2);
    ({ object } = await reg.widgets.main.update(ns, "u-gen", edit<Widget>((o) => (o.status = { replicas: 3 }))));
    assert.equal(object.metadata.generation, 2, "status changes through the main resource are dropped");
    assert.equal(object.status, undefined);
  });

  it("keeps status on main updates and everything but status on status updates", async () => {
    await created("u-status");
    const statusStorage = reg.widgets.status;
    assert.ok(statusStorage);
    let { object } = await statusStorage.update(
      ns,
      "u-status",
      edit<Widget>((o) => {
        o.status = { replicas: 1, ready: true };
        o.spec = { replicas: 100 };
        o.metadata.labels = { sneaky: "yes" };
      }),
    );
    assert.deepEqual(object.status, { replicas: 1, ready: true });
    assert.deepEqual(object.spec, { replicas: 1 }, "a status update cannot change the spec");
    assert.equal(object.metadata.labels, undefined, "nor the metadata");
    assert.equal(object.metadata.generation, 1);

    ({ object } = await reg.widgets.main.update(ns, "u-status", edit<Widget>((o) => {
      o.status = { replicas: 0 };
      o.spec = { replicas: 2 };
    })));
    assert.deepEqual(object.status, { replicas: 1, ready: true }, "a main update keeps the stored status");
    assert.deepEqual(object.spec, { replicas: 2 });
    assert.deepEqual(await statusStorage.get(ns, "u-status"), object);

    await rejects(statusStorage.update(ns, "nope", put(widget("ns1", "nope"))), 404, "NotFound");
  });

  it("validates updates with the kind's rules", async () => {
    await created("u-invalid");
    const status = await rejects(reg.widgets.main.update(ns, "u-invalid", edit<Widget>((o) => (o.spec = { replicas: -2 }))), 422, "Invalid");
    assert.equal(status.details?.causes?.[0]?.field, "spec.replicas");
  });

  it("leaves an unchanged object as it is", async () => {
    const w = await created("u-noop");
    const { object } = await reg.widgets.main.update(ns, "u-noop", put(w));
    assert.equal(object.metadata.resourceVersion, w.metadata.resourceVersion);
  });

  it("dryRun stores nothing but still reports Conflict", async () => {
    const w = await created("u-dry");
    const dry = scope("ns1", { dryRun: true });
    const { object } = await reg.widgets.main.update(dry, "u-dry", put({ ...w, spec: { replicas: 7 } }));
    assert.equal(object.spec?.replicas, 7);
    assert.equal(object.metadata.generation, 2);
    const stored = await reg.widgets.main.get(ns, "u-dry");
    assert.deepEqual(stored, w);

    await reg.widgets.main.update(ns, "u-dry", put({ ...w, spec: { replicas: 8 } }));
    await rejects(reg.widgets.main.update(dry, "u-dry", put({ ...w, spec: { replicas: 9 } })), 409, "Conflict");
    const createdDry = await reg.gadgets.main.update(scope("", { dryRun: true }), "g-dry", put(gadget("g-dry")));
    assert.equal(createdDry.created, true);
    await rejects(reg.gadgets.main.get(scope(""), "g-dry"), 404, "NotFound");
  });

  it("retries from the new state when another writer got there first", async () => {
    const w = await created("u-race");
    const { resourceVersion: _rv, ...meta } = w.metadata;
    const body: Widget = { ...w, metadata: meta, spec: { replicas: 10 } };
    let calls = 0;
    const { object } = await reg.widgets.main.update(ns, "u-race", {
      async updatedObject() {
        if (calls++ === 0) {
          // Another client writes between our read and our write.
          await reg.widgets.main.update(ns, "u-race", edit<Widget>((o) => (o.metadata.labels = { other: "writer" })));
        }
        return body; // the same object on every try, as a PUT handler hands it out
      },
    });
    assert.equal(calls, 2);
    assert.equal(object.spec?.replicas, 10);
    assert.equal(body.metadata.resourceVersion, undefined, "the caller's object is left alone");
  });

  it("collects the strategy's warnings", async () => {
    const strategy = { ...widgetDefinition.strategy, warningsOnUpdate: () => ["spec.size: deprecated"] };
    const warned = createRegistryStore({ ...widgetDefinition, strategy }, { storage: reg.storage as Store<Widget> });
    await created("u-warn");
    const s = scope("ns1");
    await warned.main.update(s, "u-warn", edit<Widget>((o) => (o.spec = { size: "L" })));
    assert.deepEqual(s.warnings, ["spec.size: deprecated"]);
  });
});
