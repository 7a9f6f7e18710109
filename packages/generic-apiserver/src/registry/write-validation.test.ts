// The registry's hooks for the request's own checks (validating admission),
// the REST code a kind builds on the store (markDeleting, subresource update
// rules), and the store's extra condition for deleting during an update.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type KubeObject, forbidden, newForbidden } from "@tskube/apimachinery";
import type { RequestScope, WriteValidation } from "./rest-storage.js";
import type { RegistryStore } from "./store.js";
import { type TestRegistry, type Widget, edit, openTestRegistry, put, rejects, scope, widget } from "./test-support.js";

const refuse = () => {
  throw newForbidden({ group: "example.com", resource: "widgets" }, "", "refused");
};

/** A scope whose validation records what it saw, and refuses when `refuseIf` says so. */
function recording(namespace: string, refuseIf: (obj: KubeObject) => boolean = () => false, more: Partial<RequestScope> = {}) {
  const seen: string[] = [];
  const validation: WriteValidation = {
    create: async (obj) => {
      seen.push(`create ${obj.metadata.name} uid=${obj.metadata.uid !== undefined}`);
      if (refuseIf(obj)) refuse();
    },
    update: async (obj, old) => {
      seen.push(`update ${obj.metadata.name} ${(old as Widget).spec?.replicas}->${(obj as Widget).spec?.replicas}`);
      if (refuseIf(obj)) refuse();
    },
    delete: async (old) => {
      seen.push(`delete ${old.metadata.name}`);
      if (refuseIf(old)) refuse();
    },
  };
  return { seen, scope: scope(namespace, { validation, ...more }) };
}

describe("registry write validation", () => {
  let reg: TestRegistry;
  before(() => {
    reg = openTestRegistry();
  });
  after(() => reg.close());

  it("create: runs on the prepared object; a refusal stores nothing", async () => {
    const ok = recording("v");
    await reg.widgets.main.create(ok.scope, widget("v", "c1"));
    assert.deepEqual(ok.seen, ["create c1 uid=true"]);

    const no = recording("v", () => true);
    await rejects(reg.widgets.main.create(no.scope, widget("v", "c2")), 403, "Forbidden");
    await rejects(reg.widgets.main.get(scope("v"), "c2"), 404, "NotFound");
  });

  it("create: does not run when the strategy refuses first", async () => {
    const r = recording("v");
    await rejects(reg.widgets.main.create(r.scope, widget("v", "bad", { replicas: -1 })), 422, "Invalid");
    assert.deepEqual(r.seen, []);
  });

  it("update: runs after the strategy with the stored object; a refusal changes nothing", async () => {
    await reg.widgets.main.create(scope("v"), widget("v", "u1"));
    const r = recording("v", (obj) => (obj as Widget).spec?.replicas === 9);
    await reg.widgets.main.update(r.scope, "u1", edit<Widget>((w) => (w.spec = { replicas: 2 })));
    await rejects(reg.widgets.main.update(r.scope, "u1", edit<Widget>((w) => (w.spec = { replicas: 9 }))), 403, "Forbidden");
    await rejects(reg.widgets.main.update(r.scope, "u1", edit<Widget>((w) => (w.spec = { replicas: -3 }))), 422, "Invalid");
    assert.deepEqual(r.seen, ["update u1 1->2", "update u1 2->9"]);
    assert.equal((await reg.widgets.main.get(scope("v"), "u1")).spec?.replicas, 2);
  });

  it("update that creates: runs the create check", async () => {
    const r = recording("");
    await reg.gadgets.main.update(r.scope, "g-new", put({ apiVersion: "example.com/v1", kind: "Gadget", metadata: { name: "g-new" } }));
    assert.deepEqual(r.seen, ["create g-new uid=true"]);
  });

  it("status and scale: run on the object, and on the Scale for scale", async () => {
    await reg.widgets.main.create(scope("v"), widget("v", "s1"));
    const r = recording("v");
    await reg.widgets.status?.update(r.scope, "s1", edit<Widget>((w) => (w.status = { replicas: 1 })));
    const kinds: string[] = [];
    const scaleScope = scope("v", { validation: { update: async (obj, old) => void kinds.push(`${obj.kind}/${old.kind}`) } });
    await reg.widgets.scale?.update(scaleScope, "s1", { updatedObject: (s) => ({ ...s!, spec: { replicas: 4 } }) });
    assert.deepEqual(r.seen, ["update s1 1->1"]);
    assert.deepEqual(kinds, ["Scale/Scale"]);
  });

  it("delete: runs on the stored object, marking or removing; a refusal keeps it", async () => {
    await reg.widgets.main.create(scope("v"), widget("v", "keep", { replicas: 1 }, { labels: { keep: "yes" } }));
    await reg.widgets.main.create(scope("v"), widget("v", "fin", { replicas: 1 }, { finalizers: ["example.com/hold"], labels: { keep: "yes" } }));
    const r = recording("v", (obj) => obj.metadata.labels?.["keep"] === "yes");
    await rejects(reg.widgets.main.delete(r.scope, "keep", {}), 403, "Forbidden");
    await rejects(reg.widgets.main.delete(r.scope, "fin", {}), 403, "Forbidden");
    assert.equal((await reg.widgets.main.get(scope("v"), "fin")).metadata.deletionTimestamp, undefined, "not even marked");
    assert.ok(r.seen.includes("delete keep") && r.seen.includes("delete fin"));

    await reg.widgets.main.create(scope("v"), widget("v", "go"));
    const dry = recording("v", () => false, { dryRun: true });
    await reg.widgets.main.delete(dry.scope, "go", {});
    assert.deepEqual(dry.seen, ["delete go"], "dry runs are checked too");
    await reg.widgets.main.get(scope("v"), "go");
  });
});

describe("REST code on a registry store", () => {
  let reg: TestRegistry;
  let store: RegistryStore<Widget>;
  before(() => {
    reg = openTestRegistry();
    store = reg.widgetsWith({
      // Like namespaces: an object with a `hold` annotation stays until it is removed too.
      shouldDeleteDuringUpdate: (obj) => obj.metadata.annotations?.["hold"] === undefined,
    }).main as RegistryStore<Widget>;
  });
  after(() => reg.close());

  it("markDeleting applies the caller's marking and stores the object", async () => {
    await store.create(scope("m"), widget("m", "w1"));
    const r = recording("m");
    const marked = await store.markDeleting(r.scope, "w1", {}, undefined, (w) => {
      w.metadata.deletionTimestamp = "2024-01-01T00:00:00Z";
      w.status = { ready: false };
    });
    assert.equal(marked.metadata.deletionTimestamp, "2024-01-01T00:00:00Z");
    assert.deepEqual((await store.get(scope("m"), "w1")).status, { ready: false });
    assert.deepEqual(r.seen, ["delete w1"]);

    await store.create(scope("m"), widget("m", "w2"));
    await store.markDeleting(scope("m"), "w2", { dryRun: ["All"] }, undefined, (w) => (w.metadata.deletionTimestamp = "2024-01-01T00:00:00Z"));
    assert.equal((await store.get(scope("m"), "w2")).metadata.deletionTimestamp, undefined, "a dry run stores nothing");
    await rejects(store.markDeleting(scope("m"), "missing", {}, undefined, () => {}), 404, "NotFound");
  });

  it("a subresource's own update rules decide what changes", async () => {
    await store.create(scope("m"), widget("m", "rules", { replicas: 1 }));
    const rules = {
      subresource: "size",
      // Only spec.size may change through this subresource.
      prepareForUpdate: (obj: Widget, old: Widget) => {
        obj.spec = { ...old.spec, size: obj.spec?.size ?? "" };
        obj.metadata.labels = old.metadata.labels;
      },
      validateUpdate: (obj: Widget) => (obj.spec?.size === "huge" ? [forbidden("spec.size", "too big")] : []),
    };
    const { object } = await store.updateObject(
      scope("m"),
      "rules",
      edit<Widget>((w) => {
        w.spec = { replicas: 7, size: "small" };
        w.metadata.labels = { changed: "yes" };
      }),
      { target: rules, allowCreate: false },
    );
    assert.deepEqual(object.spec, { replicas: 1, size: "small" });
    assert.equal(object.metadata.labels, undefined);
    await rejects(
      store.updateObject(scope("m"), "rules", edit<Widget>((w) => (w.spec = { size: "huge" })), { target: rules, allowCreate: false }),
      422,
      "Invalid",
    );
  });

  it("shouldDeleteDuringUpdate keeps an object whose own finalizers remain", async () => {
    await store.create(scope("m"), widget("m", "held", { replicas: 1 }, { finalizers: ["example.com/f"], annotations: { hold: "x" } }));
    await store.delete(scope("m"), "held", {});
    await store.update(scope("m"), "held", edit<Widget>((w) => (w.metadata.finalizers = [])));
    assert.ok((await store.get(scope("m"), "held")).metadata.deletionTimestamp, "kept: the store's own condition is not met");
    const { object } = await store.update(scope("m"), "held", edit<Widget>((w) => delete w.metadata.annotations));
    assert.equal(object.metadata.annotations, undefined);
    await rejects(store.get(scope("m"), "held"), 404, "NotFound");
  });
});
