import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DiscoveryManager } from "../discovery/manager.js";
import { coreGroup, widgetGroup, WIDGET_GROUP } from "../discovery/testing/fixtures.js";
import { serveRouters, type TestServer } from "../discovery/testing/server.js";
import { createOpenAPIRouter } from "./router.js";
import { OpenAPIService, type OpenAPIV3Index } from "./service.js";
import type { SchemaObject, V2Document, V3Document, V3Operation } from "./types.js";

/** Every `$ref` in a document. */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "$ref" && typeof v === "string") out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

function newService(): { manager: DiscoveryManager; service: OpenAPIService } {
  const manager = new DiscoveryManager();
  manager.addGroup(coreGroup());
  manager.addGroup(widgetGroup());
  return { manager, service: new OpenAPIService(manager, { info: { version: "v1.32.0" } }) };
}

describe("OpenAPI v3 documents", () => {
  const { service } = newService();
  const doc = (path: string) => JSON.parse(service.v3(path)?.body ?? "null") as V3Document;
  const widgets = doc(`apis/${WIDGET_GROUP}/v1`);
  const core = doc("api/v1");
  const schemas = widgets.components.schemas;

  it("has one document per group-version", () => {
    assert.deepEqual(Object.keys(JSON.parse(service.v3Index().body).paths), [
      "api/v1",
      `apis/${WIDGET_GROUP}/v1`,
      `apis/${WIDGET_GROUP}/v1beta1`,
    ]);
    assert.equal(service.v3("apis/nope/v1"), undefined);
    assert.equal(widgets.openapi, "3.0.0");
    assert.deepEqual(widgets.info, { title: "Kubernetes", version: "v1.32.0" });
  });

  it("resolves every reference", () => {
    for (const d of [widgets, core, doc(`apis/${WIDGET_GROUP}/v1beta1`)]) {
      for (const ref of refsIn(d)) {
        const name = ref.replace("#/components/schemas/", "");
        assert.ok(ref.startsWith("#/components/schemas/") && d.components.schemas[name], `unresolved ${ref}`);
      }
    }
  });

  it("names kinds upstream's way and marks them with x-kubernetes-group-version-kind", () => {
    assert.deepEqual(core.components.schemas["io.k8s.api.core.v1.ConfigMap"]?.["x-kubernetes-group-version-kind"], [
      { group: "", version: "v1", kind: "ConfigMap" },
    ]);
    assert.deepEqual(core.components.schemas["io.k8s.api.core.v1.ConfigMapList"]?.["x-kubernetes-group-version-kind"], [
      { group: "", version: "v1", kind: "ConfigMapList" },
    ]);
    const widget = schemas["com.example.widgets.v1.Widget"];
    assert.deepEqual(widget?.["x-kubernetes-group-version-kind"], [{ group: WIDGET_GROUP, version: "v1", kind: "Widget" }]);
    assert.equal(widget?.description, "A test kind with subresources and patch metadata.");
    assert.ok(schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]);
    assert.ok(schemas["io.k8s.api.autoscaling.v1.Scale"]);
    // A nested type with its own `id`.
    assert.ok(schemas["com.example.widgets.v1.Part"]);
    // The v1beta1 document has its own Widget definition.
    assert.ok(doc(`apis/${WIDGET_GROUP}/v1beta1`).components.schemas["com.example.widgets.v1beta1.Widget"]);
  });

  it("carries patch merge keys, strategies, list types and descriptions", () => {
    const spec = schemas["com.example.widgets.v1.Widget"]?.properties?.spec as SchemaObject;
    assert.equal(spec.description, "What the widget should be.");
    const { parts, ports, tags, maxSurge } = spec.properties ?? {};
    assert.equal(parts?.["x-kubernetes-patch-merge-key"], "name");
    assert.equal(parts?.["x-kubernetes-patch-strategy"], "merge");
    assert.equal(ports?.["x-kubernetes-list-type"], "map");
    assert.deepEqual(ports?.["x-kubernetes-list-map-keys"], ["containerPort", "protocol"]);
    assert.equal(tags?.["x-kubernetes-list-type"], "set");
    assert.equal(maxSurge?.allOf?.[0]?.$ref, "#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    assert.deepEqual(spec.required, ["mode"]);
  });

  it("publishes every verb with upstream's operation ids and actions", () => {
    const ops: [string, string, string, string][] = [];
    for (const [path, item] of Object.entries(widgets.paths)) {
      for (const method of ["get", "put", "post", "delete", "patch"] as const) {
        const op = item[method];
        if (op) ops.push([path, method, op.operationId, op["x-kubernetes-action"]]);
      }
    }
    const ns = `/apis/${WIDGET_GROUP}/v1/namespaces/{namespace}/widgets`;
    assert.deepEqual(ops, [
      [`/apis/${WIDGET_GROUP}/v1/gadgets`, "get", "listWidgetsExampleComV1Gadget", "list"],
      [`/apis/${WIDGET_GROUP}/v1/gadgets`, "post", "createWidgetsExampleComV1Gadget", "post"],
      [`/apis/${WIDGET_GROUP}/v1/gadgets`, "delete", "deleteWidgetsExampleComV1CollectionGadget", "deletecollection"],
      [`/apis/${WIDGET_GROUP}/v1/gadgets/{name}`, "get", "readWidgetsExampleComV1Gadget", "get"],
      [`/apis/${WIDGET_GROUP}/v1/gadgets/{name}`, "put", "replaceWidgetsExampleComV1Gadget", "put"],
      [`/apis/${WIDGET_GROUP}/v1/gadgets/{name}`, "delete", "deleteWidgetsExampleComV1Gadget", "delete"],
      [`/apis/${WIDGET_GROUP}/v1/gadgets/{name}`, "patch", "patchWidgetsExampleComV1Gadget", "patch"],
      [ns, "get", "listWidgetsExampleComV1NamespacedWidget", "list"],
      [ns, "post", "createWidgetsExampleComV1NamespacedWidget", "post"],
      [ns, "delete", "deleteWidgetsExampleComV1CollectionNamespacedWidget", "deletecollection"],
      [`${ns}/{name}`, "get", "readWidgetsExampleComV1NamespacedWidget", "get"],
      [`${ns}/{name}`, "put", "replaceWidgetsExampleComV1NamespacedWidget", "put"],
      [`${ns}/{name}`, "delete", "deleteWidgetsExampleComV1NamespacedWidget", "delete"],
      [`${ns}/{name}`, "patch", "patchWidgetsExampleComV1NamespacedWidget", "patch"],
      [`${ns}/{name}/scale`, "get", "readWidgetsExampleComV1NamespacedWidgetScale", "get"],
      [`${ns}/{name}/scale`, "put", "replaceWidgetsExampleComV1NamespacedWidgetScale", "put"],
      [`${ns}/{name}/scale`, "patch", "patchWidgetsExampleComV1NamespacedWidgetScale", "patch"],
      [`${ns}/{name}/status`, "get", "readWidgetsExampleComV1NamespacedWidgetStatus", "get"],
      [`${ns}/{name}/status`, "put", "replaceWidgetsExampleComV1NamespacedWidgetStatus", "put"],
      [`${ns}/{name}/status`, "patch", "patchWidgetsExampleComV1NamespacedWidgetStatus", "patch"],
      [`/apis/${WIDGET_GROUP}/v1/widgets`, "get", "listWidgetsExampleComV1WidgetForAllNamespaces", "list"],
    ]);
    assert.equal(core.paths["/api/v1/namespaces/{namespace}/configmaps/{name}"]?.get?.operationId, "readCoreV1NamespacedConfigMap");
    assert.deepEqual(core.paths["/api/v1/namespaces/{namespace}/configmaps"]?.get?.tags, ["core_v1"]);
  });

  it("gives operations their kind: the resource's, or autoscaling/v1 Scale on /scale", () => {
    const ns = `/apis/${WIDGET_GROUP}/v1/namespaces/{namespace}/widgets/{name}`;
    assert.deepEqual(widgets.paths[ns]?.patch?.["x-kubernetes-group-version-kind"], { group: WIDGET_GROUP, version: "v1", kind: "Widget" });
    assert.deepEqual(widgets.paths[`${ns}/status`]?.get?.["x-kubernetes-group-version-kind"]?.kind, "Widget");
    assert.deepEqual(widgets.paths[`${ns}/scale`]?.put?.["x-kubernetes-group-version-kind"], { group: "autoscaling", version: "v1", kind: "Scale" });
    assert.equal(
      widgets.paths[`${ns}/scale`]?.get?.responses["200"]?.content?.["application/json"]?.schema.$ref,
      "#/components/schemas/io.k8s.api.autoscaling.v1.Scale",
    );
  });

  it("declares fieldValidation (and fieldManager, dryRun, force) on every PATCH", () => {
    const patches: V3Operation[] = [widgets, core].flatMap((d) =>
      Object.values(d.paths).flatMap((item) => (item.patch ? [item.patch] : [])),
    );
    assert.equal(patches.length, 7);
    for (const patch of patches) {
      const names = (patch.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
      assert.deepEqual(names, ["dryRun", "fieldManager", "fieldValidation", "force"], patch.operationId);
    }
    const post = widgets.paths[`/apis/${WIDGET_GROUP}/v1/gadgets`]?.post;
    assert.deepEqual(post?.parameters?.map((p) => p.name), ["dryRun", "fieldManager", "fieldValidation"]);
  });

  it("lists the strategic merge patch media type only for kinds that take it", () => {
    const types = (path: string, d: V3Document = widgets) => Object.keys(d.paths[path]?.patch?.requestBody?.content ?? {});
    const all = ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"];
    assert.deepEqual(types(`/apis/${WIDGET_GROUP}/v1/namespaces/{namespace}/widgets/{name}`), all);
    assert.deepEqual(types(`/apis/${WIDGET_GROUP}/v1/namespaces/{namespace}/widgets/{name}/status`), all);
    assert.deepEqual(types("/api/v1/namespaces/{namespace}/configmaps/{name}", core), all);
    // Gadget says strategicMergePatch: false, as custom resources do.
    assert.deepEqual(types(`/apis/${WIDGET_GROUP}/v1/gadgets/{name}`), [
      "application/json-patch+json",
      "application/merge-patch+json",
      "application/apply-patch+yaml",
    ]);
  });

  it("takes list and watch parameters on list operations", () => {
    const list = widgets.paths[`/apis/${WIDGET_GROUP}/v1/namespaces/{namespace}/widgets`];
    assert.deepEqual(list?.get?.parameters?.map((p) => p.name), [
      "allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit",
      "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds", "watch",
    ]);
    assert.deepEqual(list?.parameters?.map((p) => [p.name, p.in, p.required ?? false]), [
      ["namespace", "path", true],
      ["pretty", "query", false],
    ]);
    assert.ok(list?.get?.responses["200"]?.content?.["application/json;stream=watch"]);
  });
});

describe("OpenAPI v2 document", () => {
  const { service } = newService();
  const doc = JSON.parse(service.v2().body) as V2Document;

  it("covers every group, with definitions that resolve", () => {
    assert.equal(doc.swagger, "2.0");
    assert.ok(doc.paths["/api/v1/namespaces/{namespace}/configmaps/{name}"]);
    assert.ok(doc.paths[`/apis/${WIDGET_GROUP}/v1beta1/namespaces/{namespace}/widgets/{name}`]);
    for (const ref of refsIn(doc)) {
      assert.ok(ref.startsWith("#/definitions/") && doc.definitions[ref.slice("#/definitions/".length)], `unresolved ${ref}`);
    }
    assert.deepEqual(doc.definitions["com.example.widgets.v1beta1.Widget"]?.["x-kubernetes-group-version-kind"], [
      { group: WIDGET_GROUP, version: "v1beta1", kind: "Widget" },
    ]);
  });

  it("writes PATCH as consumes plus a body parameter, with fieldValidation", () => {
    const patch = doc.paths[`/apis/${WIDGET_GROUP}/v1/gadgets/{name}`]?.patch;
    assert.deepEqual(patch?.consumes, ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]);
    assert.deepEqual(patch?.parameters?.[0], {
      name: "body",
      in: "body",
      required: true,
      schema: { $ref: "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch" },
    });
    assert.ok(patch?.parameters?.some((p) => p.name === "fieldValidation" && p.in === "query" && p.type === "string"));
    assert.equal(patch?.responses["200"]?.schema?.$ref, "#/definitions/com.example.widgets.v1.Gadget");
  });
});

describe("OpenAPI documents of other servers", () => {
  it("joins their v2 paths and definitions (keeping its own) and serves their v3 documents in the index", () => {
    const { service } = newService();
    const ownConfigMap = (JSON.parse(service.v2().body) as V2Document).definitions["io.k8s.api.core.v1.ConfigMap"];
    let notify = () => {};
    const remoteV2: V2Document = {
      swagger: "2.0",
      info: { title: "Kubernetes", version: "v0.0.1" },
      paths: { "/apis/wardle.example.com/v1alpha1/flunders": { get: { responses: {} } } } as unknown as V2Document["paths"],
      definitions: {
        "com.example.wardle.v1alpha1.Flunder": { type: "object" },
        "io.k8s.api.core.v1.ConfigMap": { type: "string" },
      },
      securityDefinitions: {},
      security: [],
    };
    const remoteV3 = { openapi: "3.0.0", paths: {}, components: { schemas: {} } };
    let served = true;
    service.addDocumentProvider({
      v2Documents: () => (served ? [remoteV2] : []),
      v3Documents: () => new Map(served ? [["apis/wardle.example.com/v1alpha1", remoteV3]] : []),
      onChange: (listener) => {
        notify = listener;
        return () => {};
      },
    });
    const v2 = JSON.parse(service.v2().body) as V2Document;
    assert.ok(v2.paths["/apis/wardle.example.com/v1alpha1/flunders"]);
    assert.deepEqual(v2.definitions["com.example.wardle.v1alpha1.Flunder"], { type: "object" });
    assert.deepEqual(v2.definitions["io.k8s.api.core.v1.ConfigMap"], ownConfigMap);
    const index = JSON.parse(service.v3Index().body) as OpenAPIV3Index;
    const paths = Object.keys(index.paths);
    assert.ok(paths.includes("apis/wardle.example.com/v1alpha1"));
    assert.deepEqual(paths, [...paths].sort());
    assert.equal(service.v3("apis/wardle.example.com/v1alpha1")?.body, JSON.stringify(remoteV3));
    served = false;
    notify();
    assert.equal(service.v3("apis/wardle.example.com/v1alpha1"), undefined);
    assert.equal((JSON.parse(service.v2().body) as V2Document).paths["/apis/wardle.example.com/v1alpha1/flunders"], undefined);
  });
});

describe("OpenAPI endpoints", () => {
  const { manager, service } = newService();
  let server: TestServer;
  before(async () => {
    server = await serveRouters(createOpenAPIRouter(service));
  });
  after(() => server.close());
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(server.url + path, { headers, redirect: "manual" });

  it("serves the v3 index with hashed URLs and an ETag", async () => {
    const res = await get("/openapi/v3", { Accept: "application/json, */*" });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json");
    const etag = res.headers.get("etag") ?? "";
    assert.match(etag, /^"[0-9A-F]+"$/);
    const index = (await res.json()) as OpenAPIV3Index;
    assert.match(index.paths["api/v1"]?.serverRelativeURL ?? "", /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    const again = await get("/openapi/v3", { "If-None-Match": etag });
    assert.equal(again.status, 304);
  });

  it("marks a document fetched by its current hash immutable, and redirects a stale hash", async () => {
    const index = (await (await get("/openapi/v3")).json()) as OpenAPIV3Index;
    const url = index.paths[`apis/${WIDGET_GROUP}/v1`]?.serverRelativeURL ?? "";
    const res = await get(url, { Accept: "application/json" });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "public, immutable");
    assert.ok(res.headers.get("expires"));
    const body = (await res.json()) as V3Document;
    assert.ok(body.components.schemas["com.example.widgets.v1.Widget"]);

    const stale = await get(`/openapi/v3/apis/${WIDGET_GROUP}/v1?hash=0123ABCD`);
    assert.equal(stale.status, 301);
    assert.equal(stale.headers.get("location"), url);

    const unhashed = await get(`/openapi/v3/apis/${WIDGET_GROUP}/v1`);
    assert.equal(unhashed.status, 200);
    assert.equal(unhashed.headers.get("cache-control"), null);
    const etag = unhashed.headers.get("etag") ?? "";
    assert.equal(etag, `"${new URL(url, server.url).searchParams.get("hash")}"`);
    await unhashed.arrayBuffer();
    assert.equal((await get(`/openapi/v3/apis/${WIDGET_GROUP}/v1`, { "If-None-Match": etag })).status, 304);
    assert.equal((await get("/openapi/v3/api/v1")).status, 200);
    assert.equal((await get("/openapi/v3/apis/nope.example.com/v1")).status, 404);
  });

  it("regenerates when the groups change: new hashes, old URLs redirect", async () => {
    const before = (await (await get("/openapi/v3")).json()) as OpenAPIV3Index;
    const oldURL = before.paths["api/v1"]?.serverRelativeURL ?? "";
    manager.addGroup({ ...coreGroup(), versions: [{ version: "v1", resources: coreGroup().versions[0]!.resources.slice(0, 1) }] });
    try {
      const afterChange = (await (await get("/openapi/v3")).json()) as OpenAPIV3Index;
      const newURL = afterChange.paths["api/v1"]?.serverRelativeURL ?? "";
      assert.notEqual(newURL, oldURL);
      const redirect = await get(oldURL);
      assert.equal(redirect.status, 301);
      assert.equal(redirect.headers.get("location"), newURL);
      const doc = (await (await get(newURL)).json()) as V3Document;
      assert.equal(doc.components.schemas["io.k8s.api.core.v1.Namespace"], undefined);
    } finally {
      manager.addGroup(coreGroup());
    }
  });

  it("serves /openapi/v2 as JSON when JSON is asked for first, with ETag and 304", async () => {
    const res = await get("/openapi/v2", { Accept: "application/json, application/com.github.proto-openapi.spec.v2@v1.0+protobuf" });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json");
    const etag = res.headers.get("etag") ?? "";
    assert.equal(((await res.json()) as V2Document).swagger, "2.0");
    assert.equal((await get("/openapi/v2", { "If-None-Match": etag })).status, 304);
  });

  it("serves /openapi/v2 in protobuf when that is asked for first (kubectl asks for it alone); v3 stays JSON only", async () => {
    for (const accept of [
      "application/com.github.proto-openapi.spec.v2@v1.0+protobuf",
      "application/com.github.proto-openapi.spec.v2.v1.0+protobuf, application/json",
    ]) {
      const res = await get("/openapi/v2", { Accept: accept });
      assert.equal(res.status, 200, accept);
      // The dotted spelling: Go's media type parser refuses the "@" one.
      assert.equal(res.headers.get("content-type"), "application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
      const body = Buffer.from(await res.arrayBuffer());
      assert.deepEqual(body, service.v2Protobuf().body);
    }
    const res = await get("/openapi/v2", { Accept: "application/vnd.kubernetes.protobuf" });
    assert.equal(res.status, 406);
    assert.equal(((await res.json()) as { reason: string }).reason, "NotAcceptable");
    const v3 = await get("/openapi/v3/api/v1", { Accept: "application/com.github.proto-openapi.spec.v3.v1.0+protobuf" });
    assert.equal(v3.status, 406);
    await v3.arrayBuffer();
  });
});
