// The example group driven by @kubernetes/client-node over real HTTPS, with
// a kubeconfig built in code (the admin's client certificate): generic
// objects through KubernetesObjectApi (which finds resources through
// discovery), the group's resources and subresources through
// CustomObjectsApi, errors as ApiExceptions, Watch, and an informer.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  ApiException,
  CustomObjectsApi,
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  Watch,
  makeInformer,
  setHeaderOptions,
} from "@kubernetes/client-node";
import type { KubeObject, Status } from "@tskube/apimachinery";
import { EXAMPLE_API_VERSION, EXAMPLE_GROUP, type Gadget, type Widget } from "./example-group.js";
import { type IntegrationServer, createPKI, startIntegrationServer } from "./harness.js";
import { type List, gadget, namesOf, widget } from "./objects.js";

const T = { timeout: 20_000 };
const widgets = { group: EXAMPLE_GROUP, version: "v1", plural: "widgets" };
const gadgets = { group: EXAMPLE_GROUP, version: "v1", plural: "gadgets" };

interface Scale extends KubeObject {
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

let s: IntegrationServer;
let objects: KubernetesObjectApi;
let custom: CustomObjectsApi;
before(async () => {
  s = await startIntegrationServer(await createPKI());
  objects = KubernetesObjectApi.makeApiClient(s.kubeConfig);
  custom = s.kubeConfig.makeApiClient(CustomObjectsApi);
});
after(() => s.close());

/** The Status of a failed call, with its HTTP code. */
async function failure(call: Promise<unknown>): Promise<Status & { httpCode: number }> {
  try {
    await call;
  } catch (err) {
    assert.ok(err instanceof ApiException, `expected an ApiException, got ${String(err)}`);
    const body = typeof err.body === "string" ? (JSON.parse(err.body) as Status) : (err.body as Status);
    return { ...body, httpCode: err.code };
  }
  assert.fail("the call succeeded");
}

/** What KubernetesObjectApi needs to find a widget of the context's namespace ("default"). */
function widgetRef(name: string): KubernetesObject & { metadata: { name: string; namespace: string } } {
  return { apiVersion: EXAMPLE_API_VERSION, kind: "Widget", metadata: { name, namespace: "default" } };
}

/** A client-node object as our JSON: its Dates as the server's timestamps. */
function asJSON<T>(obj: unknown): T {
  return JSON.parse(JSON.stringify(obj)) as T;
}

describe("KubernetesObjectApi (any kind, found through discovery)", () => {
  it("create, read, list, replace, patch and delete a namespaced object", T, async () => {
    // The context's namespace ("default") is filled in.
    const body = widget("w1", { metadata: { labels: { app: "one" } }, spec: { parts: [{ name: "a" }] } });
    const created = await objects.create(body as KubernetesObject);
    assert.equal(created.metadata?.namespace, "default");
    assert.equal(created.metadata?.generation, 1);

    const read = asJSON<Widget>(await objects.read(widgetRef("w1")));
    assert.deepEqual(read.spec, { parts: [{ name: "a" }], replicas: 1 });

    const list = await objects.list(EXAMPLE_API_VERSION, "Widget", "default", undefined, undefined, undefined, undefined, "app=one");
    assert.deepEqual(namesOf(asJSON<List>(list)), ["w1"]);

    const replaced = asJSON<Widget>(await objects.replace({ ...read, spec: { ...read.spec, replicas: 2 } } as KubernetesObject));
    assert.equal(replaced.spec?.replicas, 2);
    assert.equal(replaced.metadata.generation, 2);

    // KubernetesObjectApi patches with strategic merge patch by default: parts merge by name.
    const smp = asJSON<Widget>(
      await objects.patch({ ...widgetRef("w1"), spec: { parts: [{ name: "b" }] } } as KubernetesObject),
    );
    assert.deepEqual(smp.spec?.parts?.map((p) => p.name).sort(), ["a", "b"]);
    const merge = asJSON<Widget>(
      await objects.patch(
        { ...widgetRef("w1"), spec: { parts: [{ name: "c" }] } } as KubernetesObject,
        undefined,
        undefined,
        undefined,
        undefined,
        PatchStrategy.MergePatch,
      ),
    );
    assert.deepEqual(merge.spec?.parts, [{ name: "c" }]);

    const deleted = await objects.delete(widgetRef("w1"));
    assert.equal(deleted.status, "Success");
    assert.equal(deleted.details?.kind, "widgets");
  });

  it("pages a list with limit and continue (CustomObjectsApi: KubernetesObjectApi drops a list's continue token)", T, async () => {
    for (const name of ["p1", "p2", "p3"]) await objects.create(widget(name, { metadata: { namespace: "paging" } }) as KubernetesObject);
    const first: List = await custom.listNamespacedCustomObject({ ...widgets, namespace: "paging", limit: 2 });
    assert.deepEqual(namesOf(first), ["p1", "p2"]);
    assert.equal(first.metadata.remainingItemCount, 1);
    const rest: List = await custom.listNamespacedCustomObject({
      ...widgets,
      namespace: "paging",
      limit: 2,
      _continue: first.metadata.continue,
    });
    assert.deepEqual(namesOf(rest), ["p3"]);
    assert.equal(rest.metadata.continue, undefined);
  });

  it("reports failures as ApiExceptions carrying the Status", T, async () => {
    const missing = await failure(objects.read(widgetRef("nope")));
    assert.equal(missing.httpCode, 404);
    assert.equal(missing.reason, "NotFound");

    await objects.create(widget("dup") as KubernetesObject);
    const exists = await failure(objects.create(widget("dup") as KubernetesObject));
    assert.deepEqual([exists.httpCode, exists.reason], [409, "AlreadyExists"]);

    const current = asJSON<Widget>(await objects.read(widgetRef("dup")));
    await objects.replace({ ...current, spec: { replicas: 3 } } as KubernetesObject);
    const stale = await failure(objects.replace({ ...current, spec: { replicas: 4 } } as KubernetesObject));
    assert.deepEqual([stale.httpCode, stale.reason], [409, "Conflict"]);

    const invalid = await failure(objects.create(widget("neg", { spec: { replicas: -2 } }) as KubernetesObject));
    assert.deepEqual([invalid.httpCode, invalid.reason], [422, "Invalid"]);
    assert.equal(invalid.details?.causes?.[0]?.field, "spec.replicas");

    // An apiVersion discovery does not know never reaches the server.
    await assert.rejects(
      objects.create({ apiVersion: `${EXAMPLE_GROUP}/v9`, kind: "Widget", metadata: { name: "x" } }),
      /404|not found|Unrecognized/i,
    );
  });
});

describe("CustomObjectsApi", () => {
  it("create, get, list with selectors, replace, patch and delete a cluster-scoped object", T, async () => {
    const created: Gadget = await custom.createClusterCustomObject({ ...gadgets, body: gadget("g1", { color: "red", size: 2 }) });
    assert.equal(created.metadata.namespace, undefined);
    await custom.createClusterCustomObject({ ...gadgets, body: gadget("g2", { color: "blue" }) });

    const got: Gadget = await custom.getClusterCustomObject({ ...gadgets, name: "g1" });
    assert.deepEqual(got.spec, { color: "red", size: 2 });
    const red: List = await custom.listClusterCustomObject({ ...gadgets, fieldSelector: "spec.color=red" });
    assert.deepEqual(namesOf(red), ["g1"]);

    const replaced: Gadget = await custom.replaceClusterCustomObject({ ...gadgets, name: "g1", body: { ...got, spec: { color: "green" } } });
    assert.deepEqual(replaced.spec, { color: "green" });

    const jsonPatched: Gadget = await custom.patchClusterCustomObject(
      { ...gadgets, name: "g1", body: [{ op: "add", path: "/spec/size", value: 9 }] },
      setHeaderOptions("Content-Type", PatchStrategy.JsonPatch),
    );
    assert.deepEqual(jsonPatched.spec, { color: "green", size: 9 });
    const mergePatched: Gadget = await custom.patchClusterCustomObject(
      { ...gadgets, name: "g1", body: { spec: { size: null } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    assert.deepEqual(mergePatched.spec, { color: "green" });
    // Gadgets are like custom resources: no strategic merge patch.
    const smp = await failure(
      custom.patchClusterCustomObject(
        { ...gadgets, name: "g1", body: { spec: {} } },
        setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
      ),
    );
    assert.deepEqual([smp.httpCode, smp.reason], [415, "UnsupportedMediaType"]);

    const deleted: Status = await custom.deleteClusterCustomObject({ ...gadgets, name: "g1" });
    assert.equal(deleted.status, "Success");
    const gone = await failure(custom.getClusterCustomObject({ ...gadgets, name: "g1" }));
    assert.equal(gone.httpCode, 404);
  });

  it("dryRun and fieldValidation", T, async () => {
    const body = { ...widget("cv"), spec: { replicas: 1, colour: "red" } };
    const strict = await failure(custom.createNamespacedCustomObject({ ...widgets, namespace: "custom", body, fieldValidation: "Strict" }));
    assert.deepEqual([strict.httpCode, strict.reason], [400, "BadRequest"]);
    const dry: Widget = await custom.createNamespacedCustomObject({
      ...widgets,
      namespace: "custom",
      body,
      dryRun: "All",
      fieldValidation: "Ignore",
    });
    assert.deepEqual(dry.spec, { replicas: 1 });
    const none = await failure(custom.getNamespacedCustomObject({ ...widgets, namespace: "custom", name: "cv" }));
    assert.equal(none.httpCode, 404, "a dry run stores nothing");
  });

  it("the status subresource: get, replace, patch", T, async () => {
    await custom.createNamespacedCustomObject({ ...widgets, namespace: "custom", body: widget("st", { spec: { replicas: 2 } }) });
    const current: Widget = await custom.getNamespacedCustomObjectStatus({ ...widgets, namespace: "custom", name: "st" });
    const replaced: Widget = await custom.replaceNamespacedCustomObjectStatus({
      ...widgets,
      namespace: "custom",
      name: "st",
      body: { ...current, status: { replicas: 2 } },
    });
    assert.deepEqual(replaced.status, { replicas: 2 });
    const patched: Widget = await custom.patchNamespacedCustomObjectStatus(
      { ...widgets, namespace: "custom", name: "st", body: { status: { conditions: [{ type: "Ready", status: "True" }] } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    assert.deepEqual(patched.status, { replicas: 2, conditions: [{ type: "Ready", status: "True" }] });
  });

  it("the scale subresource: get, replace, patch", T, async () => {
    const body = widget("sc", { spec: { replicas: 1, selector: { matchLabels: { app: "sc" } } } });
    await custom.createNamespacedCustomObject({ ...widgets, namespace: "custom", body });
    const scale: Scale = await custom.getNamespacedCustomObjectScale({ ...widgets, namespace: "custom", name: "sc" });
    assert.deepEqual(
      [scale.apiVersion, scale.kind, scale.spec, scale.status],
      ["autoscaling/v1", "Scale", { replicas: 1 }, { replicas: 0, selector: "app=sc" }],
    );

    const replaced: Scale = await custom.replaceNamespacedCustomObjectScale({
      ...widgets,
      namespace: "custom",
      name: "sc",
      body: { ...scale, spec: { replicas: 4 } },
    });
    assert.equal(replaced.spec.replicas, 4);
    const patched: Scale = await custom.patchNamespacedCustomObjectScale(
      { ...widgets, namespace: "custom", name: "sc", body: { spec: { replicas: 6 } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    assert.equal(patched.spec.replicas, 6);
    const after: Widget = await custom.getNamespacedCustomObject({ ...widgets, namespace: "custom", name: "sc" });
    assert.equal(after.spec?.replicas, 6);
  });

  it("deletecollection with a label selector", T, async () => {
    for (const name of ["d1", "d2"]) {
      const body = widget(name, { metadata: { labels: { batch: "d" } } });
      await custom.createNamespacedCustomObject({ ...widgets, namespace: "custom", body });
    }
    const deleted: List = await custom.deleteCollectionNamespacedCustomObject({ ...widgets, namespace: "custom", labelSelector: "batch=d" });
    assert.deepEqual(namesOf(deleted), ["d1", "d2"]);
    const left: List = await custom.listNamespacedCustomObject({ ...widgets, namespace: "custom", labelSelector: "batch=d" });
    assert.deepEqual(left.items, []);
  });
});

describe("Watch", () => {
  it("delivers ADDED, MODIFIED and DELETED with rising resource versions, and bookmarks when allowed", T, async () => {
    const start: List = await custom.listNamespacedCustomObject({ ...widgets, namespace: "watched" });
    const events: { type: string; name: string | undefined; rv: number }[] = [];
    let done: (err: unknown) => void = () => {};
    const ended = new Promise<unknown>((resolve) => (done = resolve));
    const watch = new Watch(s.kubeConfig);
    const controller = await watch.watch(
      `/apis/${EXAMPLE_GROUP}/v1/namespaces/watched/widgets`,
      { resourceVersion: start.metadata.resourceVersion, allowWatchBookmarks: true },
      (type: string, obj: KubeObject) => events.push({ type, name: obj.metadata?.name, rv: Number(obj.metadata?.resourceVersion) }),
      (err: unknown) => done(err),
    );
    try {
      await custom.createNamespacedCustomObject({ ...widgets, namespace: "watched", body: widget("x") });
      await custom.patchNamespacedCustomObject(
        { ...widgets, namespace: "watched", name: "x", body: { spec: { replicas: 5 } } },
        setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
      );
      await custom.deleteNamespacedCustomObject({ ...widgets, namespace: "watched", name: "x" });
      await waitFor(() => events.filter((e) => e.type !== "BOOKMARK").length >= 3 && events.some((e) => e.type === "BOOKMARK"));
    } finally {
      controller.abort();
    }
    await ended;
    const changes = events.filter((e) => e.type !== "BOOKMARK");
    assert.deepEqual(
      changes.map((e) => [e.type, e.name]),
      [
        ["ADDED", "x"],
        ["MODIFIED", "x"],
        ["DELETED", "x"],
      ],
    );
    assert.ok(changes[0]!.rv < changes[1]!.rv && changes[1]!.rv < changes[2]!.rv, "resource versions rise");
  });

  it("ends when the server ends the watch (timeoutSeconds)", T, async () => {
    const watch = new Watch(s.kubeConfig);
    const ended = new Promise<unknown>((resolve) => {
      void watch.watch(`/apis/${EXAMPLE_GROUP}/v1/gadgets`, { timeoutSeconds: 1 }, () => {}, resolve);
    });
    assert.equal(await ended, null, "a clean end, not an error");
  });
});

describe("informer", () => {
  it("lists, then follows creates, updates and deletes in its cache", T, async () => {
    await custom.createNamespacedCustomObject({ ...widgets, namespace: "informed", body: widget("before") });
    const path = `/apis/${EXAMPLE_GROUP}/v1/namespaces/informed/widgets`;
    const informer = makeInformer<Widget & KubernetesObject>(s.kubeConfig, path, () =>
      custom.listNamespacedCustomObject({ ...widgets, namespace: "informed" }),
    );
    const seen: string[] = [];
    informer.on("add", (w) => seen.push(`add ${w.metadata?.name}`));
    informer.on("update", (w) => seen.push(`update ${w.metadata?.name} ${w.spec?.replicas}`));
    informer.on("delete", (w) => seen.push(`delete ${w.metadata?.name}`));
    await informer.start();
    try {
      await custom.createNamespacedCustomObject({ ...widgets, namespace: "informed", body: widget("during") });
      await custom.patchNamespacedCustomObject(
        { ...widgets, namespace: "informed", name: "before", body: { spec: { replicas: 3 } } },
        setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
      );
      await custom.deleteNamespacedCustomObject({ ...widgets, namespace: "informed", name: "during" });
      await waitFor(() => seen.length >= 4);
      assert.deepEqual(seen, ["add before", "add during", "update before 3", "delete during"]);
      assert.deepEqual(informer.list().map((w) => w.metadata?.name), ["before"]);
      assert.equal(informer.get("before", "informed")?.spec?.replicas, 3);
    } finally {
      await informer.stop();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
