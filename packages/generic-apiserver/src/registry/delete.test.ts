import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parseLabelSelector } from "@tskube/apimachinery";
import { type TestRegistry, type Widget, edit, openTestRegistry, put, rejects, scope, widget } from "./test-support.js";

const ns = scope("ns1");
const HOLD = "example.com/hold";

describe("registry delete", () => {
  let reg: TestRegistry;
  before(() => {
    reg = openTestRegistry();
  });
  after(() => reg.close());

  function create(name: string, meta: Partial<Widget["metadata"]> = {}, namespace = "ns1"): Promise<Widget> {
    return reg.widgets.main.create(scope(namespace), widget(namespace, name, { replicas: 1 }, meta));
  }

  it("removes an object without finalizers and returns its last state", async () => {
    const w = await create("d1");
    const { object, deleted } = await reg.widgets.main.delete(ns, "d1", {});
    assert.equal(deleted, true);
    assert.equal(object.metadata.uid, w.metadata.uid);
    assert.equal(object.kind, "Widget");
    await rejects(reg.widgets.main.get(ns, "d1"), 404, "NotFound");
    const status = await rejects(reg.widgets.main.delete(ns, "d1", {}), 404, "NotFound");
    assert.equal(status.message, 'widgets.example.com "d1" not found');
  });

  it("only marks an object with finalizers; removing the last one removes it", async () => {
    const w = await create("d-fin", { finalizers: [HOLD, "example.com/other"] });
    const first = await reg.widgets.main.delete(ns, "d-fin", {});
    assert.equal(first.deleted, false);
    assert.match(first.object.metadata.deletionTimestamp ?? "", /Z$/);
    assert.equal(first.object.metadata.deletionGracePeriodSeconds, 0);
    assert.equal(first.object.metadata.generation, 2, "marking bumps the generation once");
    assert.deepEqual(await reg.widgets.main.get(ns, "d-fin"), first.object);

    const again = await reg.widgets.main.delete(ns, "d-fin", {});
    assert.equal(again.deleted, false);
    assert.equal(again.object.metadata.deletionTimestamp, first.object.metadata.deletionTimestamp);
    assert.equal(again.object.metadata.generation, 2);

    const status = await rejects(
      reg.widgets.main.update(ns, "d-fin", edit<Widget>((o) => o.metadata.finalizers?.push("example.com/late"))),
      422,
      "Invalid",
    );
    assert.match(status.message ?? "", /no new finalizers can be added if the object is being deleted, found new finalizers \[\]string\{"example.com\/late"\}/);

    const { object } = await reg.widgets.main.update(ns, "d-fin", edit<Widget>((o) => (o.metadata.finalizers = [HOLD])));
    assert.deepEqual(object.metadata.finalizers, [HOLD]);
    assert.ok(await reg.widgets.main.get(ns, "d-fin"));

    const last = await reg.widgets.main.update(ns, "d-fin", edit<Widget>((o) => (o.metadata.finalizers = [])));
    assert.equal(last.created, false);
    assert.equal(last.object.metadata.uid, w.metadata.uid);
    await rejects(reg.widgets.main.get(ns, "d-fin"), 404, "NotFound");
  });

  it("checks uid and resourceVersion preconditions", async () => {
    const w = await create("d-pre");
    let status = await rejects(reg.widgets.main.delete(ns, "d-pre", { preconditions: { uid: "wrong" } }), 409, "Conflict");
    assert.equal(
      status.message,
      `Operation cannot be fulfilled on Widget.example.com "d-pre": the UID in the precondition (wrong) does not match the UID in record (${w.metadata.uid}). The object might have been deleted and then recreated`,
    );
    status = await rejects(reg.widgets.main.delete(ns, "d-pre", { preconditions: { resourceVersion: "1" } }), 409, "Conflict");
    assert.match(status.message ?? "", /the ResourceVersion in the precondition \(1\) does not match the ResourceVersion in record/);

    const ok = await reg.widgets.main.delete(ns, "d-pre", {
      preconditions: { uid: w.metadata.uid ?? "", resourceVersion: w.metadata.resourceVersion ?? "" },
    });
    assert.equal(ok.deleted, true);
  });

  it("validates the options", async () => {
    await create("d-opts");
    let status = await rejects(reg.widgets.main.delete(ns, "d-opts", { propagationPolicy: "Sideways" }), 422, "Invalid");
    assert.equal(
      status.message,
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sideways": supported values: "Orphan", "Background", "Foreground", "nil"',
    );
    status = await rejects(reg.widgets.main.delete(ns, "d-opts", { propagationPolicy: "Orphan", orphanDependents: true }), 422, "Invalid");
    assert.match(status.message ?? "", /orphanDependents and deletionPropagation cannot be both set/);
    const { deleted } = await reg.widgets.main.delete(ns, "d-opts", { propagationPolicy: "Background", gracePeriodSeconds: 30 });
    assert.equal(deleted, true);
  });

  it("records the garbage collector's finalizers for Orphan and Foreground", async () => {
    await create("d-orphan");
    const orphan = await reg.widgets.main.delete(ns, "d-orphan", { propagationPolicy: "Orphan" });
    assert.equal(orphan.deleted, false);
    assert.deepEqual(orphan.object.metadata.finalizers, ["orphan"]);
    assert.ok(orphan.object.metadata.deletionTimestamp);

    await create("d-fg", { finalizers: [HOLD] });
    const fg = await reg.widgets.main.delete(ns, "d-fg", { propagationPolicy: "Foreground" });
    assert.deepEqual(fg.object.metadata.finalizers, [HOLD, "foregroundDeletion"]);

    // Background on an object whose only finalizer is `orphan` drops it and deletes at once.
    await create("d-bg", { finalizers: ["orphan"] });
    const bg = await reg.widgets.main.delete(ns, "d-bg", { propagationPolicy: "Background" });
    assert.equal(bg.deleted, true);

    const noGC = reg.widgetsWith({ garbageCollection: false });
    await create("d-nogc");
    assert.equal((await noGC.main.delete(ns, "d-nogc", { propagationPolicy: "Orphan" })).deleted, true);
  });

  it("dryRun stores nothing but checks everything", async () => {
    const w = await create("d-dry");
    const dry = scope("ns1", { dryRun: true });
    const result = await reg.widgets.main.delete(dry, "d-dry", {});
    assert.equal(result.deleted, true);
    assert.deepEqual(await reg.widgets.main.get(ns, "d-dry"), w);
    await rejects(reg.widgets.main.delete(dry, "d-dry", { preconditions: { uid: "wrong" } }), 409, "Conflict");
    await rejects(reg.widgets.main.delete(dry, "nothing", {}), 404, "NotFound");

    // dryRun in the options works too; marking is simulated.
    await create("d-dry-fin", { finalizers: [HOLD] });
    const marked = await reg.widgets.main.delete(ns, "d-dry-fin", { dryRun: ["All"] });
    assert.equal(marked.deleted, false);
    assert.ok(marked.object.metadata.deletionTimestamp);
    assert.equal((await reg.widgets.main.get(ns, "d-dry-fin")).metadata.deletionTimestamp, undefined);

    // Removing the last finalizer in a dry run deletes nothing either.
    await reg.widgets.main.delete(ns, "d-dry-fin", {});
    const emptied = await reg.widgets.main.update(dry, "d-dry-fin", edit<Widget>((o) => (o.metadata.finalizers = [])));
    assert.deepEqual(emptied.object.metadata.finalizers, []);
    assert.ok(await reg.widgets.main.get(ns, "d-dry-fin"));
  });

  it("deletes a collection selected by labels, across pages", async () => {
    for (let i = 0; i < 5; i++) await create(`dc-${i}`, { labels: { batch: i < 4 ? "a" : "b" } }, "ns-dc");
    await create("dc-other-ns", { labels: { batch: "a" } }, "ns-dc2");
    const nsScope = scope("ns-dc");
    const list = await reg.widgets.main.deleteCollection(nsScope, {}, { labelSelector: parseLabelSelector("batch=a") });
    assert.deepEqual(list.items.map((w) => w.metadata.name), ["dc-0", "dc-1", "dc-2", "dc-3"]);
    assert.equal(list.kind, "WidgetList");
    assert.equal(list.metadata.continue, undefined);
    const left = await reg.widgets.main.list(nsScope, {});
    assert.deepEqual(left.items.map((w) => w.metadata.name), ["dc-4"]);
    assert.equal((await reg.widgets.main.list(scope("ns-dc2"), {})).items.length, 1);

    // With a limit, one page only.
    for (let i = 0; i < 3; i++) await create(`dl-${i}`, {}, "ns-dl");
    const page = await reg.widgets.main.deleteCollection(scope("ns-dl"), {}, { limit: 2 });
    assert.equal(page.items.length, 2);
    assert.ok(page.metadata.continue);
    assert.equal((await reg.widgets.main.list(scope("ns-dl"), {})).items.length, 1);
  });

  it("deleteCollection across all namespaces deletes in each object's namespace", async () => {
    await create("dx", { labels: { sweep: "yes" } }, "ns-x1");
    await create("dx", { labels: { sweep: "yes" } }, "ns-x2");
    const list = await reg.widgets.main.deleteCollection(scope(""), {}, { labelSelector: parseLabelSelector("sweep=yes") });
    assert.equal(list.items.length, 2);
    assert.equal((await reg.widgets.main.list(scope(""), { labelSelector: parseLabelSelector("sweep=yes") })).items.length, 0);
  });

  it("an update that empties finalizers of an object not being deleted just stores it", async () => {
    await create("d-keep", { finalizers: [HOLD] });
    const w = await reg.widgets.main.get(ns, "d-keep");
    const { object } = await reg.widgets.main.update(ns, "d-keep", put({ ...w, metadata: { ...w.metadata, finalizers: [] } }));
    assert.deepEqual(object.metadata.finalizers, []);
    assert.ok(await reg.widgets.main.get(ns, "d-keep"));
  });
});
