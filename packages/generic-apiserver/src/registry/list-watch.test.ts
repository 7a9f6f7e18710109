import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parseFieldSelector, parseLabelSelector } from "@tskube/apimachinery";
import type { Watch, WatchEvent } from "@tskube/storage";
import { type TestRegistry, type Widget, edit, gadget, openTestRegistry, rejects, scope, widget } from "./test-support.js";

/** The next `n` events of a watch, as "TYPE name". */
async function nextEvents(w: Watch<Widget>, n: number): Promise<WatchEvent<Widget>[]> {
  const out: WatchEvent<Widget>[] = [];
  const it = w[Symbol.asyncIterator]();
  while (out.length < n) {
    const r = await it.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

const brief = (e: WatchEvent<Widget>): string =>
  e.type === "ERROR" ? `ERROR ${e.object.code}` : `${e.type} ${e.object.kind} ${e.object.metadata.name}`;

describe("registry list and watch", () => {
  let reg: TestRegistry;
  before(async () => {
    reg = openTestRegistry();
    const sizes = ["S", "M", "L"];
    for (const namespace of ["a", "b"]) {
      for (let i = 0; i < 3; i++) {
        const w = widget(namespace, `w${i}`, { replicas: i, size: sizes[i] }, { labels: { tier: i === 0 ? "front" : "back" } });
        await reg.widgets.main.create(scope(namespace), w);
      }
    }
    await reg.gadgets.main.create(scope(""), gadget("g1"));
  });
  after(() => reg.close());

  it("lists a namespace with list type meta and typed items", async () => {
    const list = await reg.widgets.main.list(scope("a"), {});
    assert.equal(list.apiVersion, "example.com/v1");
    assert.equal(list.kind, "WidgetList");
    assert.match(list.metadata.resourceVersion ?? "", /^\d+$/);
    assert.deepEqual(list.items.map((w) => `${w.kind} ${w.metadata.namespace}/${w.metadata.name}`), [
      "Widget a/w0",
      "Widget a/w1",
      "Widget a/w2",
    ]);
    const empty = await reg.widgets.main.list(scope("nothing-here"), {});
    assert.deepEqual(empty.items, []);
  });

  it("lists all namespaces and cluster-scoped resources", async () => {
    assert.equal((await reg.widgets.main.list(scope(""), {})).items.length, 6);
    const gadgets = await reg.gadgets.main.list(scope(""), {});
    assert.equal(gadgets.kind, "GadgetList");
    assert.deepEqual(gadgets.items.map((g) => g.metadata.name), ["g1"]);
  });

  it("filters by labels and by the allowed fields", async () => {
    const byLabel = await reg.widgets.main.list(scope(""), { labelSelector: parseLabelSelector("tier=front") });
    assert.deepEqual(byLabel.items.map((w) => `${w.metadata.namespace}/${w.metadata.name}`), ["a/w0", "b/w0"]);

    const byName = await reg.widgets.main.list(scope("a"), { fieldSelector: parseFieldSelector("metadata.name=w1") });
    assert.deepEqual(byName.items.map((w) => w.metadata.name), ["w1"]);

    const byNamespace = await reg.widgets.main.list(scope(""), { fieldSelector: parseFieldSelector("metadata.namespace=b,metadata.name=w2") });
    assert.deepEqual(byNamespace.items.map((w) => `${w.metadata.namespace}/${w.metadata.name}`), ["b/w2"]);

    const bySize = await reg.widgets.main.list(scope(""), { fieldSelector: parseFieldSelector("spec.size!=S") });
    assert.equal(bySize.items.length, 4);

    const missing = await reg.widgets.main.list(scope("a"), { fieldSelector: parseFieldSelector("metadata.name=nope") });
    assert.deepEqual(missing.items, []);

    const status = await rejects(reg.widgets.main.list(scope("a"), { fieldSelector: parseFieldSelector("spec.color=red") }), 400, "BadRequest");
    assert.equal(status.message, "field label not supported: spec.color");
    await rejects(reg.gadgets.main.list(scope(""), { fieldSelector: parseFieldSelector("spec.size=S") }), 400, "BadRequest");
  });

  it("passes paging through to storage", async () => {
    const first = await reg.widgets.main.list(scope(""), { limit: 4 });
    assert.equal(first.items.length, 4);
    assert.ok(first.metadata.continue);
    assert.equal(first.metadata.remainingItemCount, 2);
    const second = await reg.widgets.main.list(scope(""), { limit: 4, continue: first.metadata.continue });
    assert.deepEqual(second.items.map((w) => `${w.metadata.namespace}/${w.metadata.name}`), ["b/w1", "b/w2"]);
    assert.equal(second.metadata.continue, undefined);
    assert.equal(second.metadata.resourceVersion, first.metadata.resourceVersion, "pages of one snapshot");

    const filtered = await reg.widgets.main.list(scope(""), { limit: 1, labelSelector: parseLabelSelector("tier=back") });
    assert.equal(filtered.items.length, 1);
    assert.equal(filtered.metadata.remainingItemCount, undefined, "no count with selectors");

    const status = await rejects(reg.widgets.main.list(scope("a"), { resourceVersionMatch: "Exact" }), 400, "BadRequest");
    assert.match(status.message ?? "", /resourceVersionMatch is forbidden unless resourceVersion is provided/);
    const exact = await reg.widgets.main.list(scope("a"), { resourceVersion: first.metadata.resourceVersion ?? "", resourceVersionMatch: "NotOlderThan" });
    assert.equal(exact.items.length, 3);
  });

  it("gets one object and reports a missing one", async () => {
    const w = await reg.widgets.main.get(scope("a"), "w1");
    assert.equal(w.kind, "Widget");
    const status = await rejects(reg.widgets.main.get(scope("a"), "nope"), 404, "NotFound");
    assert.deepEqual(status.details, { name: "nope", group: "example.com", kind: "widgets" });
    const bad = await rejects(reg.widgets.main.get(scope("a"), "a/b"), 400, "BadRequest");
    assert.equal(bad.message, `Name parameter invalid: "a/b": may not contain '/'`);
    await rejects(reg.widgets.main.get(scope(""), "w1"), 400, "BadRequest");
  });

  it("watches changes with the predicate and typed objects", async () => {
    const start = (await reg.widgets.main.list(scope("a"), {})).metadata.resourceVersion ?? "";
    const all = await reg.widgets.main.watch(scope("a"), { resourceVersion: start });
    const fronts = await reg.widgets.main.watch(scope("a"), { resourceVersion: start, labelSelector: parseLabelSelector("tier=front") });
    try {
      await reg.widgets.main.create(scope("a"), widget("a", "w-new"));
      await reg.widgets.main.update(scope("a"), "w0", edit<Widget>((o) => (o.spec = { replicas: 5 })));
      await reg.widgets.main.delete(scope("a"), "w-new", {});
      await reg.widgets.main.create(scope("b"), widget("b", "elsewhere"));
      assert.deepEqual((await nextEvents(all, 3)).map(brief), ["ADDED Widget w-new", "MODIFIED Widget w0", "DELETED Widget w-new"]);
      assert.deepEqual((await nextEvents(fronts, 1)).map(brief), ["MODIFIED Widget w0"]);
    } finally {
      all.stop();
      fronts.stop();
    }
  });

  it("watches a single object by name, starting with its current state", async () => {
    const one = await reg.widgets.main.watch(scope("b"), { fieldSelector: parseFieldSelector("metadata.name=w1") });
    try {
      const [initial] = await nextEvents(one, 1);
      assert.equal(initial && brief(initial), "ADDED Widget w1");
      await reg.widgets.main.update(scope("b"), "w2", edit<Widget>((o) => (o.spec = { replicas: 9 })));
      await reg.widgets.main.update(scope("b"), "w1", edit<Widget>((o) => (o.spec = { replicas: 9 })));
      const [next] = await nextEvents(one, 1);
      assert.equal(next && brief(next), "MODIFIED Widget w1");
    } finally {
      one.stop();
    }
    await rejects(reg.widgets.main.watch(scope("b"), { fieldSelector: parseFieldSelector("status.phase=x") }), 400, "BadRequest");
  });
});
