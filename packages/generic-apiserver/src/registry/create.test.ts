import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Store } from "@tskube/storage";
import { createRegistryStore } from "./create-registry-store.js";
import { type TestRegistry, type Widget, gadget, openTestRegistry, rejects, scope, widget, widgetDefinition } from "./test-support.js";

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("registry create", () => {
  let reg: TestRegistry;
  before(() => {
    reg = openTestRegistry();
  });
  after(() => reg.close());

  it("fills in the system fields and resets status", async () => {
    const input = { ...widget("ns1", "w1"), status: { replicas: 9 } };
    const created = await reg.widgets.main.create(scope("ns1"), input);
    assert.equal(created.apiVersion, "example.com/v1");
    assert.equal(created.kind, "Widget");
    assert.match(created.metadata.uid ?? "", UUID);
    assert.match(created.metadata.creationTimestamp ?? "", TIME);
    assert.match(created.metadata.resourceVersion ?? "", /^[1-9][0-9]*$/);
    assert.equal(created.metadata.generation, 1);
    assert.equal(created.metadata.namespace, "ns1");
    assert.equal(created.status, undefined, "status has its own subresource, so create drops it");
    assert.deepEqual(input.status, { replicas: 9 }, "the caller's object is not modified");

    const read = await reg.widgets.main.get(scope("ns1"), "w1");
    assert.deepEqual(read, created);
  });

  it("keeps the client's status when the strategy asks for it (as nodes do)", async () => {
    const def = { ...widgetDefinition, strategy: { ...widgetDefinition.strategy, keepStatusOnCreate: true } };
    const nodesLike = createRegistryStore(def, { storage: reg.storage as Store<Widget> });
    const created = await nodesLike.main.create(scope("ns1"), { ...widget("ns1", "w-keep"), status: { replicas: 2 } });
    assert.deepEqual(created.status, { replicas: 2 });
  });

  it("keeps status on kinds without a status subresource and clears a cluster-scoped object's namespace", async () => {
    const input = { ...gadget("g-status"), status: { phase: "x" } };
    input.metadata.namespace = "ignored";
    const created = await reg.gadgets.main.create(scope(""), input);
    assert.deepEqual(created.status, { phase: "x" });
    assert.equal(created.metadata.namespace, undefined);
  });

  it("fills an empty namespace from the request and rejects a different one", async () => {
    const noNamespace = widget("", "w-nons");
    delete noNamespace.metadata.namespace;
    const created = await reg.widgets.main.create(scope("ns1"), noNamespace);
    assert.equal(created.metadata.namespace, "ns1");

    const status = await rejects(reg.widgets.main.create(scope("ns1"), widget("other", "w-x")), 400, "BadRequest");
    assert.equal(status.message, "the namespace of the provided object does not match the namespace sent on the request");
  });

  it("answers AlreadyExists for a taken name", async () => {
    await reg.widgets.main.create(scope("ns1"), widget("ns1", "taken"));
    const status = await rejects(reg.widgets.main.create(scope("ns1"), widget("ns1", "taken")), 409, "AlreadyExists");
    assert.equal(status.message, 'widgets.example.com "taken" already exists');
    assert.deepEqual(status.details, { name: "taken", group: "example.com", kind: "widgets" });
  });

  it("generates a name from generateName", async () => {
    const input = widget("ns1", "");
    delete input.metadata.name;
    input.metadata.generateName = "web-";
    const created = await reg.widgets.main.create(scope("ns1"), input);
    assert.match(created.metadata.name ?? "", /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.equal(created.metadata.generateName, "web-");
  });

  it("tries another generated name when one collides", async () => {
    await reg.widgets.main.create(scope("ns1"), widget("ns1", "gen-aaaaa"));
    const names = ["gen-aaaaa", "gen-bbbbb"];
    const widgets = reg.widgetsWith({ nameGenerator: (prefix) => (assert.equal(prefix, "gen-"), names.shift() ?? "") });
    const input = widget("ns1", "");
    delete input.metadata.name;
    input.metadata.generateName = "gen-";
    const created = await widgets.main.create(scope("ns1"), input);
    assert.equal(created.metadata.name, "gen-bbbbb");
  });

  it("gives up after 8 generated names collide", async () => {
    let calls = 0;
    const widgets = reg.widgetsWith({ nameGenerator: () => (calls++, "gen-aaaaa") });
    const input = widget("ns1", "");
    delete input.metadata.name;
    input.metadata.generateName = "gen-";
    const status = await rejects(widgets.main.create(scope("ns1"), input), 409, "AlreadyExists");
    assert.equal(calls, 8);
    assert.equal(
      status.message,
      'widgets.example.com "gen-aaaaa" already exists, the server was not able to generate a unique name for the object',
    );
    assert.equal(status.details?.retryAfterSeconds, 1);
  });

  it("answers 422 with causes for the kind's and the metadata's rules", async () => {
    const bad = widget("ns1", "Bad_Name", { replicas: -1 });
    let status = await rejects(reg.widgets.main.create(scope("ns1"), bad), 422, "Invalid");
    // The kind's own validation runs first; its errors are reported alone.
    assert.equal(status.message, 'Widget.example.com "Bad_Name" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    assert.deepEqual(status.details?.causes, [
      { reason: "FieldValueInvalid", message: "Invalid value: -1: must be greater than or equal to 0", field: "spec.replicas" },
    ]);
    assert.equal(status.details?.kind, "Widget");

    status = await rejects(reg.widgets.main.create(scope("ns1"), widget("ns1", "Bad_Name", { replicas: 1 }, { labels: { "a b": "x" } })), 422, "Invalid");
    const fields = status.details?.causes?.map((c) => c.field);
    assert.deepEqual(fields, ["metadata.name", "metadata.labels"]);
  });

  it("validates owner references and finalizers", async () => {
    const obj = widget("ns1", "owned", { replicas: 1 }, {
      ownerReferences: [
        { apiVersion: "v1", kind: "ConfigMap", name: "a", uid: "1", controller: true },
        { apiVersion: "v1", kind: "ConfigMap", name: "b", uid: "", controller: true },
      ],
      finalizers: ["orphan", "foregroundDeletion"],
    });
    const status = await rejects(reg.widgets.main.create(scope("ns1"), obj), 422, "Invalid");
    assert.deepEqual(
      status.details?.causes?.map((c) => c.field),
      ["metadata.ownerReferences.uid", "metadata.ownerReferences", "metadata.finalizers"],
    );
  });

  it("dryRun runs everything, stores nothing, and still reports AlreadyExists", async () => {
    const dry = scope("ns1", { dryRun: true });
    const created = await reg.widgets.main.create(dry, widget("ns1", "dry"));
    assert.equal(created.metadata.generation, 1);
    assert.match(created.metadata.uid ?? "", UUID);
    await rejects(reg.widgets.main.get(scope("ns1"), "dry"), 404, "NotFound");

    await rejects(reg.widgets.main.create(dry, widget("ns1", "dry", { replicas: -1 })), 422, "Invalid");
    await rejects(reg.widgets.main.create(dry, widget("ns1", "taken")), 409, "AlreadyExists");
  });

  it("says so when the name belongs to an object being deleted", async () => {
    await reg.widgets.main.create(scope("ns1"), widget("ns1", "going", { replicas: 1 }, { finalizers: ["example.com/hold"] }));
    await reg.widgets.main.delete(scope("ns1"), "going", {});
    const status = await rejects(reg.widgets.main.create(scope("ns1"), widget("ns1", "going")), 409, "AlreadyExists");
    assert.equal(status.message, 'object is being deleted: widgets.example.com "going" already exists');
  });

  it("attaches objects to a lease when the store has a TTL", async () => {
    const expiring = reg.widgetsWith({ ttlSeconds: 3600 });
    await expiring.main.create(scope("ns1"), widget("ns1", "leased"));
    const lease = async () => (await reg.storage.kv.get(reg.storage.fullKey("/widgets/ns1/leased"))).kv?.lease ?? 0;
    assert.notEqual(await lease(), 0);
    await expiring.main.update(scope("ns1"), "leased", {
      updatedObject: (current) => ({ ...(current as Widget), spec: { replicas: 2 } }),
    });
    assert.notEqual(await lease(), 0, "an update keeps the object leased");
  });

  it("refuses an object that carries a resourceVersion, as upstream", async () => {
    const status = await rejects(
      reg.widgets.main.create(scope("ns1"), widget("ns1", "with-rv", { replicas: 1 }, { resourceVersion: "5" })),
      500,
      "InternalError",
    );
    assert.match(status.message ?? "", /resourceVersion should not be set on objects to be created/);
  });
});
