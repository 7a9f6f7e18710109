// The REST endpoints over HTTP, on the real registry and an embedded store:
// routing, create, get, list, update, delete, subresources, and the errors
// clients see. Patch is in handlers/patch.test.ts, watch in handlers/watch.test.ts.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type RequestOptions, type TestAPI, request, startTestAPI } from "./test-support.js";

let api: TestAPI;
const call = (path: string, opts?: RequestOptions) => request(api.url, path, opts);

const KUBECTL_GET =
  "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
const CM = "/api/v1/namespaces/default/configmaps";
const WIDGETS = "/apis/example.com/v1/namespaces/default/widgets";
const GADGETS = "/apis/example.com/v1/gadgets";

function configMap(name: string, data: Record<string, string> = { a: "1" }, extra: Record<string, unknown> = {}) {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, ...extra }, data };
}

function widget(name: string, spec: Record<string, unknown> = { replicas: 1 }, labels: Record<string, string> = {}) {
  return { apiVersion: "example.com/v1", kind: "Widget", metadata: { name, labels }, spec };
}

async function create(path: string, body: unknown) {
  const res = await call(path, { method: "POST", body });
  assert.equal(res.status, 201, res.text);
  return res.json();
}

/** Asserts a Status error response and returns its message. */
async function expectStatus(resPromise: ReturnType<typeof call>, code: number, reason: string): Promise<string> {
  const res = await resPromise;
  assert.equal(res.status, code, res.text);
  assert.match(String(res.headers["content-type"]), /^application\/json/);
  const status = res.json();
  assert.equal(status.kind, "Status");
  assert.equal(status.apiVersion, "v1");
  assert.equal(status.status, "Failure");
  assert.equal(status.code, code);
  assert.equal(status.reason, reason, status.message);
  return status.message;
}

before(async () => {
  api = await startTestAPI();
});
after(async () => {
  await api.close();
});

describe("routing", () => {
  it("answers 404 for a resource the group does not have", async () => {
    const message = await expectStatus(call("/api/v1/namespaces/default/frobs"), 404, "NotFound");
    assert.equal(message, "the server could not find the requested resource");
  });

  it("passes other groups and versions to the next handler", async () => {
    assert.equal((await call("/apis/other.io/v1/things")).json().message, "fallthrough");
    assert.equal((await call("/apis/example.com/v2/widgets")).json().message, "fallthrough");
    assert.equal((await call("/healthz")).json().message, "fallthrough");
  });

  it("answers 404 for paths the resource's scope does not have", async () => {
    await expectStatus(call("/api/v1/configmaps/x"), 404, "NotFound");
    await expectStatus(call("/apis/example.com/v1/namespaces/default/gadgets"), 404, "NotFound");
    await expectStatus(call(`${WIDGETS}/w/nonsense`), 404, "NotFound");
  });

  it("answers 405 for verbs the resource does not offer", async () => {
    assert.equal(
      await expectStatus(call(`${GADGETS}?watch=true`), 405, "MethodNotAllowed"),
      'watch is not supported on resources of kind "gadgets.example.com"',
    );
    await expectStatus(call(GADGETS, { method: "DELETE" }), 405, "MethodNotAllowed");
    await expectStatus(call("/api/v1/configmaps", { method: "POST", body: configMap("x") }), 405, "MethodNotAllowed");
    await expectStatus(call(`${CM}/x`, { method: "POST", body: configMap("x") }), 405, "MethodNotAllowed");
    await expectStatus(call(`${WIDGETS}/w/status`, { method: "DELETE" }), 405, "MethodNotAllowed");
  });
});

describe("create", () => {
  it("stores the object and answers 201 with it, defaulted and namespaced", async () => {
    const res = await call(WIDGETS, { method: "POST", body: widget("created", { replicas: 2 }) });
    assert.equal(res.status, 201);
    assert.equal(res.headers["content-type"], "application/json");
    const obj = res.json();
    assert.equal(obj.apiVersion, "example.com/v1");
    assert.equal(obj.kind, "Widget");
    assert.equal(obj.metadata.namespace, "default");
    assert.ok(obj.metadata.uid && obj.metadata.resourceVersion && obj.metadata.creationTimestamp);
    assert.deepEqual(obj.spec, { replicas: 2, size: "medium" });
    assert.deepEqual(res.warnings, []);
  });

  it("accepts YAML bodies", async () => {
    const body = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  k: v\n";
    const res = await call(CM, { method: "POST", body, headers: { "Content-Type": "application/yaml" } });
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(res.json().data, { k: "v" });
  });

  it("rejects a namespace other than the URL's, and a second object of the same name", async () => {
    assert.equal(
      await expectStatus(call(CM, { method: "POST", body: configMap("ns", {}, { namespace: "other" }) }), 400, "BadRequest"),
      "the namespace of the provided object does not match the namespace sent on the request",
    );
    await create(CM, configMap("twice"));
    assert.equal(await expectStatus(call(CM, { method: "POST", body: configMap("twice") }), 409, "AlreadyExists"), 'configmaps "twice" already exists');
  });

  it("with dryRun=All runs but stores nothing; other dryRun values are invalid", async () => {
    const res = await call(`${CM}?dryRun=All`, { method: "POST", body: configMap("dry") });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json().metadata.name, "dry");
    await expectStatus(call(`${CM}/dry`), 404, "NotFound");
    assert.equal(
      await expectStatus(call(`${CM}?dryRun=Yes`, { method: "POST", body: configMap("dry") }), 422, "Invalid"),
      'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["Yes"]: supported values: "All"',
    );
  });

  it("applies fieldValidation: Strict rejects, Warn (the default) warns, Ignore drops", async () => {
    const body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"fv","bogus":1},"data":{},"data":{"k":"v"},"extra":true}';
    const json = { "Content-Type": "application/json" };
    assert.equal(
      await expectStatus(call(`${CM}?fieldValidation=Strict`, { method: "POST", body, headers: json }), 400, "BadRequest"),
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata.bogus", duplicate field "data", unknown field "extra"',
    );
    const warned = await call(CM, { method: "POST", body, headers: json });
    assert.equal(warned.status, 201, warned.text);
    assert.deepEqual(warned.warnings, ['unknown field "metadata.bogus"', 'duplicate field "data"', 'unknown field "extra"']);
    assert.deepEqual(warned.json().data, { k: "v" });
    const ignored = await call(`${CM}?fieldValidation=Ignore`, { method: "POST", body: body.replace('"fv"', '"fv2"'), headers: json });
    assert.equal(ignored.status, 201);
    assert.deepEqual(ignored.warnings, []);
    assert.equal(
      await expectStatus(call(`${CM}?fieldValidation=Loose`, { method: "POST", body: configMap("x") }), 422, "Invalid"),
      'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Loose": supported values: "", "Ignore", "Strict", "Warn"',
    );
  });

  it("rejects malformed bodies and bodies for another kind or version", async () => {
    const json = { "Content-Type": "application/json" };
    assert.match(
      await expectStatus(call(CM, { method: "POST", body: '{"apiVersion":', headers: json }), 400, "BadRequest"),
      /^the object provided is unrecognized \(must be of type ConfigMap\): couldn't get version\/kind; json parse error: /,
    );
    assert.equal(
      await expectStatus(call(CM, { method: "POST", body: { ...configMap("k"), kind: "Secret" } }), 400, "BadRequest"),
      'Secret in version "v1" cannot be handled as a ConfigMap: the kind in the data (Secret) does not match the expected kind (ConfigMap)',
    );
    assert.equal(
      await expectStatus(call(CM, { method: "POST", body: { ...configMap("k"), apiVersion: "apps/v1" } }), 400, "BadRequest"),
      "the API version in the data (apps/v1) does not match the expected API version (v1)",
    );
    assert.match(
      await expectStatus(call(CM, { method: "POST", body: { ...configMap("k"), data: { a: 1 } } }), 400, "BadRequest"),
      /^ConfigMap in version "v1" cannot be handled as a ConfigMap: data\.a: /,
    );
  });

  it("answers 415 for a body it cannot read and 406 for an Accept it cannot satisfy, storing nothing", async () => {
    await expectStatus(
      call(CM, { method: "POST", body: "x", headers: { "Content-Type": "application/vnd.kubernetes.protobuf" } }),
      415,
      "UnsupportedMediaType",
    );
    await expectStatus(
      call(CM, { method: "POST", body: configMap("never"), headers: { Accept: "application/vnd.kubernetes.protobuf" } }),
      406,
      "NotAcceptable",
    );
    await expectStatus(call(`${CM}/never`), 404, "NotFound");
  });

  it("answers 413 for a body over the limit", async () => {
    const big = JSON.stringify(configMap("big", { a: "x".repeat(3 * 1024 * 1024) }));
    const message = await expectStatus(call(CM, { method: "POST", body: big, headers: { "Content-Type": "application/json" } }), 413, "RequestEntityTooLarge");
    assert.equal(message, "Request entity too large: limit is 3145728");
  });
});

describe("get", () => {
  before(async () => {
    await create(WIDGETS, widget("w-get", { replicas: 3, size: "large" }, { app: "get" }));
  });

  it("answers with the object, or 404", async () => {
    const res = await call(`${WIDGETS}/w-get`);
    assert.equal(res.status, 200);
    assert.equal(res.json().spec.replicas, 3);
    assert.equal((await call(`${WIDGETS}/w-get?resourceVersion=0`)).status, 200);
    assert.equal(await expectStatus(call(`${WIDGETS}/nope`), 404, "NotFound"), 'widgets.example.com "nope" not found');
  });

  it("indents with pretty=true and speaks YAML when asked", async () => {
    const pretty = await call(`${WIDGETS}/w-get?pretty=true`);
    assert.match(pretty.text, /^\{\n  "apiVersion": "example.com\/v1",\n/);
    const yaml = await call(`${WIDGETS}/w-get`, { headers: { Accept: "application/yaml" } });
    assert.equal(yaml.headers["content-type"], "application/yaml");
    assert.match(yaml.text, /^apiVersion: example.com\/v1\nkind: Widget\n/);
  });

  it("answers kubectl with a Table of one row", async () => {
    const res = await call(`${WIDGETS}/w-get`, { headers: { Accept: KUBECTL_GET } });
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-type"], "application/json");
    const table = res.json();
    assert.equal(table.kind, "Table");
    assert.equal(table.apiVersion, "meta.k8s.io/v1");
    assert.deepEqual(table.columnDefinitions.map((c: { name: string }) => c.name), ["Name", "Replicas", "Size", "Age"]);
    assert.equal(table.rows.length, 1);
    assert.deepEqual(table.rows[0].cells.slice(0, 3), ["w-get", 3, "large"]);
    assert.match(table.rows[0].cells[3], /^\d+s$/);
    assert.equal(table.rows[0].object.kind, "PartialObjectMetadata");
    assert.deepEqual(table.rows[0].object.metadata.labels, { app: "get" });
    assert.ok(table.metadata.resourceVersion);

    const withObject = (await call(`${WIDGETS}/w-get?includeObject=Object`, { headers: { Accept: KUBECTL_GET } })).json();
    assert.equal(withObject.rows[0].object.kind, "Widget");
    assert.equal(
      await expectStatus(call(`${WIDGETS}/w-get?includeObject=All`, { headers: { Accept: KUBECTL_GET } }), 400, "BadRequest"),
      `Unable to convert to Table as requested: includeObject: Invalid value: "All": must be 'Metadata', 'Object', 'None', or empty`,
    );
  });

  it("answers with PartialObjectMetadata, but not with a list of one", async () => {
    const res = await call(`${WIDGETS}/w-get`, { headers: { Accept: "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1" } });
    assert.deepEqual(Object.keys(res.json()).sort(), ["apiVersion", "kind", "metadata"]);
    assert.equal(res.json().kind, "PartialObjectMetadata");
    await expectStatus(
      call(`${WIDGETS}/w-get`, { headers: { Accept: "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1" } }),
      406,
      "NotAcceptable",
    );
  });
});

describe("list", () => {
  const LIST_NS = "/apis/example.com/v1/namespaces/listing/widgets";
  before(async () => {
    for (const [name, size, app] of [["a", "small", "x"], ["b", "large", "x"], ["c", "large", "y"]] as const) {
      await create(LIST_NS, widget(name, { replicas: 1, size }, { app }));
    }
  });

  it("answers a typed list, with items [] when empty", async () => {
    const empty = (await call("/api/v1/namespaces/empty/configmaps")).json();
    assert.equal(empty.kind, "ConfigMapList");
    assert.equal(empty.apiVersion, "v1");
    assert.deepEqual(empty.items, []);
    assert.ok(empty.metadata.resourceVersion);
    const list = (await call(LIST_NS)).json();
    assert.equal(list.kind, "WidgetList");
    assert.deepEqual(list.items.map((w: { metadata: { name: string } }) => w.metadata.name), ["a", "b", "c"]);
  });

  it("lists across namespaces", async () => {
    const names = (await call("/apis/example.com/v1/widgets")).json().items.map((w: { metadata: { namespace: string } }) => w.metadata.namespace);
    assert.ok(names.includes("listing") && names.includes("default"));
  });

  it("selects by label and by the resource's fields", async () => {
    const names = async (query: string) =>
      (await call(`${LIST_NS}?${query}`)).json().items.map((w: { metadata: { name: string } }) => w.metadata.name);
    assert.deepEqual(await names("labelSelector=app%3Dx"), ["a", "b"]);
    assert.deepEqual(await names("labelSelector=app%20in%20(y)"), ["c"]);
    assert.deepEqual(await names("fieldSelector=spec.size%3Dlarge"), ["b", "c"]);
    assert.deepEqual(await names("fieldSelector=metadata.name%3Db"), ["b"]);
    assert.deepEqual(await names("fieldSelector=metadata.name!%3Db,spec.size%3Dlarge"), ["c"]);
    assert.equal(
      await expectStatus(call(`${LIST_NS}?fieldSelector=spec.replicas%3D1`), 400, "BadRequest"),
      "field label not supported: spec.replicas",
    );
    await expectStatus(call(`${LIST_NS}?labelSelector=app%3D%3D%3D`), 400, "BadRequest");
  });

  it("pages with limit and continue", async () => {
    const first = (await call(`${LIST_NS}?limit=2`)).json();
    assert.equal(first.items.length, 2);
    assert.ok(first.metadata.continue);
    assert.equal(first.metadata.remainingItemCount, 1);
    const second = (await call(`${LIST_NS}?limit=2&continue=${encodeURIComponent(first.metadata.continue)}`)).json();
    assert.deepEqual(second.items.map((w: { metadata: { name: string } }) => w.metadata.name), ["c"]);
    assert.equal(second.metadata.continue, undefined);
    assert.equal(
      await expectStatus(call(`${LIST_NS}?limit=2&continue=${encodeURIComponent(first.metadata.continue)}&resourceVersion=5`), 400, "BadRequest"),
      "specifying resource version is not allowed when using continue",
    );
    assert.equal(
      await expectStatus(call(`${LIST_NS}?limit=two`), 400, "BadRequest"),
      'invalid value for query parameter limit: "two" is not an integer',
    );
  });

  it("validates resourceVersion options as upstream", async () => {
    assert.equal(
      await expectStatus(call(`${LIST_NS}?resourceVersionMatch=NotOlderThan`), 422, "Invalid"),
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    );
    assert.equal(
      await expectStatus(call(`${LIST_NS}?sendInitialEvents=true`), 422, "Invalid"),
      'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list',
    );
    const list = (await call(LIST_NS)).json();
    const rv = list.metadata.resourceVersion as string;
    assert.equal((await call(`${LIST_NS}?resourceVersion=${rv}&resourceVersionMatch=NotOlderThan`)).status, 200);
    assert.equal((await call(`${LIST_NS}?resourceVersion=0`)).json().items.length, 3);
  });

  it("answers kubectl with a Table, and metadata informers with PartialObjectMetadataList", async () => {
    const table = (await call(`${LIST_NS}?limit=500`, { headers: { Accept: KUBECTL_GET } })).json();
    assert.equal(table.kind, "Table");
    assert.deepEqual(table.rows.map((r: { cells: unknown[] }) => r.cells[0]), ["a", "b", "c"]);
    assert.ok(table.metadata.resourceVersion);
    const none = (await call(`${LIST_NS}?includeObject=None`, { headers: { Accept: KUBECTL_GET } })).json();
    assert.equal(none.rows[0].object, null);

    const accept = "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
    const partial = (await call(LIST_NS, { headers: { Accept: accept } })).json();
    assert.equal(partial.kind, "PartialObjectMetadataList");
    assert.equal(partial.apiVersion, "meta.k8s.io/v1");
    assert.deepEqual(partial.items.map((i: { kind: string; metadata: { name: string } }) => `${i.kind}/${i.metadata.name}`), [
      "PartialObjectMetadata/a",
      "PartialObjectMetadata/b",
      "PartialObjectMetadata/c",
    ]);
  });
});

describe("update", () => {
  it("replaces the object (200), and rejects another name or a stale resourceVersion", async () => {
    const created = await create(WIDGETS, widget("w-put", { replicas: 1 }));
    const res = await call(`${WIDGETS}/w-put`, { method: "PUT", body: { ...created, spec: { replicas: 4 } } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json().spec, { replicas: 4, size: "medium" });
    assert.notEqual(res.json().metadata.resourceVersion, created.metadata.resourceVersion);

    assert.equal(
      await expectStatus(call(`${WIDGETS}/w-put`, { method: "PUT", body: { ...created, metadata: { ...created.metadata, name: "other" } } }), 400, "BadRequest"),
      "the name of the object (other) does not match the name on the URL (w-put)",
    );
    assert.equal(
      await expectStatus(call(`${WIDGETS}/w-put`, { method: "PUT", body: created }), 409, "Conflict"),
      'Operation cannot be fulfilled on widgets.example.com "w-put": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it("with dryRun=All answers as if it had updated, but stores nothing", async () => {
    const created = await create(WIDGETS, widget("w-put-dry", { replicas: 1 }));
    const res = await call(`${WIDGETS}/w-put-dry?dryRun=All`, { method: "PUT", body: { ...created, spec: { replicas: 8 } } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json().spec.replicas, 8);
    assert.equal((await call(`${WIDGETS}/w-put-dry`)).json().spec.replicas, 1);
  });

  it("answers 201 when the PUT created the object, where the kind allows it", async () => {
    const res = await call(`${GADGETS}/g-put`, { method: "PUT", body: { apiVersion: "example.com/v1", kind: "Gadget", metadata: { name: "g-put" }, spec: { color: "blue" } } });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json().spec.color, "blue");
  });

  it("applies strict field validation to the body", async () => {
    const created = await create(WIDGETS, widget("w-put-strict"));
    assert.equal(
      await expectStatus(
        call(`${WIDGETS}/w-put-strict?fieldValidation=Strict`, { method: "PUT", body: { ...created, spec: { replicas: 2, colour: "red" } } }),
        400,
        "BadRequest",
      ),
      'Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.colour"',
    );
  });
});

describe("delete", () => {
  it("answers a Success Status naming the deleted object", async () => {
    const cm = await create(CM, configMap("del-me"));
    const res = await call(`${CM}/del-me`, { method: "DELETE" });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json(), {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Success",
      details: { name: "del-me", kind: "configmaps", uid: cm.metadata.uid },
    });
    await expectStatus(call(`${CM}/del-me`), 404, "NotFound");

    await create(WIDGETS, widget("w-del"));
    const grouped = (await call(`${WIDGETS}/w-del`, { method: "DELETE" })).json();
    assert.equal(grouped.details.group, "example.com");
    assert.equal(grouped.details.kind, "widgets");
  });

  it("answers with the object for kinds that return it, or while finalizers are pending", async () => {
    await create("/api/v1/namespaces/default/serviceaccounts", { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "sa" } });
    const sa = (await call("/api/v1/namespaces/default/serviceaccounts/sa", { method: "DELETE" })).json();
    assert.equal(sa.kind, "ServiceAccount");

    await create(CM, configMap("held", {}, { finalizers: ["example.com/hold"] }));
    const res = await call(`${CM}/held`, { method: "DELETE", body: { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background" } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json().kind, "ConfigMap");
    assert.ok(res.json().metadata.deletionTimestamp);
  });

  it("reads options from the body or the query, and validates them", async () => {
    const cm = await create(CM, configMap("opts"));
    assert.match(
      await expectStatus(call(`${CM}/opts`, { method: "DELETE", body: { preconditions: { uid: "not-the-uid" } } }), 409, "Conflict"),
      /^Operation cannot be fulfilled on .*"opts": /,
    );
    assert.equal(
      await expectStatus(call(`${CM}/opts?propagationPolicy=Sometimes`, { method: "DELETE" }), 422, "Invalid"),
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sometimes": supported values: "Foreground", "Background", "Orphan", "nil"',
    );
    await expectStatus(call(`${CM}/opts?gracePeriodSeconds=soon`, { method: "DELETE" }), 400, "BadRequest");
    await expectStatus(call(`${CM}/opts`, { method: "DELETE", body: { kind: "Pod" } }), 400, "BadRequest");

    assert.equal((await call(`${CM}/opts?dryRun=All`, { method: "DELETE" })).status, 200);
    assert.equal((await call(`${CM}/opts`)).status, 200, "a dry-run delete keeps the object");
    const res = await call(`${CM}/opts?gracePeriodSeconds=0`, { method: "DELETE", body: { preconditions: { uid: cm.metadata.uid } } });
    assert.equal(res.status, 200, res.text);
  });

  it("deletes a selected collection and answers with the deleted items", async () => {
    const ns = "/api/v1/namespaces/sweep/configmaps";
    await create(ns, { ...configMap("one"), metadata: { name: "one", labels: { sweep: "yes" } } });
    await create(ns, { ...configMap("two"), metadata: { name: "two", labels: { sweep: "yes" } } });
    await create(ns, configMap("keep"));
    const res = await call(`${ns}?labelSelector=sweep%3Dyes`, { method: "DELETE" });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json().kind, "ConfigMapList");
    assert.deepEqual(res.json().items.map((i: { metadata: { name: string } }) => i.metadata.name).sort(), ["one", "two"]);
    assert.deepEqual((await call(ns)).json().items.map((i: { metadata: { name: string } }) => i.metadata.name), ["keep"]);
  });
});

describe("subresources", () => {
  it("status: reads the object and writes only its status", async () => {
    const created = await create(WIDGETS, widget("w-status", { replicas: 2 }));
    assert.equal((await call(`${WIDGETS}/w-status/status`)).json().metadata.name, "w-status");
    const res = await call(`${WIDGETS}/w-status/status`, {
      method: "PUT",
      body: { ...created, spec: { replicas: 9 }, status: { replicas: 2 } },
    });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json().status, { replicas: 2 });
    assert.equal(res.json().spec.replicas, 2);
    const patched = await call(`${WIDGETS}/w-status/status`, {
      method: "PATCH",
      body: { status: { replicas: 1 } },
      headers: { "Content-Type": "application/merge-patch+json" },
    });
    assert.equal(patched.json().status.replicas, 1, patched.text);
  });

  it("scale: reads and writes an autoscaling/v1 Scale", async () => {
    await create(WIDGETS, widget("w-scale", { replicas: 2 }));
    const scale = (await call(`${WIDGETS}/w-scale/scale`)).json();
    assert.equal(scale.apiVersion, "autoscaling/v1");
    assert.equal(scale.kind, "Scale");
    assert.equal(scale.spec.replicas, 2);
    assert.equal(scale.status.selector, "app=w-scale");

    const put = await call(`${WIDGETS}/w-scale/scale`, { method: "PUT", body: { ...scale, spec: { replicas: 5 } } });
    assert.equal(put.status, 200, put.text);
    assert.equal((await call(`${WIDGETS}/w-scale`)).json().spec.replicas, 5);

    const patched = await call(`${WIDGETS}/w-scale/scale`, {
      method: "PATCH",
      body: { spec: { replicas: 7 } },
      headers: { "Content-Type": "application/merge-patch+json" },
    });
    assert.equal(patched.json().spec.replicas, 7, patched.text);
    assert.equal(
      await expectStatus(call(`${WIDGETS}/w-scale/scale`, { method: "PUT", body: { ...scale, apiVersion: "example.com/v1", kind: "Widget" } }), 400, "BadRequest"),
      'Widget in version "v1" cannot be handled as a Scale: the kind in the data (Widget) does not match the expected kind (Scale)',
    );
  });

  it("serves a namespace's own path and status", async () => {
    await create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } });
    assert.equal((await call("/api/v1/namespaces/team-a")).json().metadata.name, "team-a");
    assert.equal((await call("/api/v1/namespaces/team-a/status")).json().kind, "Namespace");
    assert.equal((await call("/api/v1/namespaces")).json().kind, "NamespaceList");
  });
});
