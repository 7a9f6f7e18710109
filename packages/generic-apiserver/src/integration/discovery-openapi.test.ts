// What a server built with the library publishes about itself, with no
// wiring beyond installAPIGroup: discovery (plain and aggregated), the
// OpenAPI v2 and v3 documents, health with the storage check, /version and
// /metrics counting the requests made.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type IntegrationServer, createPKI, startIntegrationServer } from "./harness.js";
import { GROUP_PATH, expectCode, expectStatus, gadget, gadgetsPath, widget, widgetsPath } from "./objects.js";

const T = { timeout: 20_000 };
const AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
/** What kubectl 1.32 sends for /api and /apis. */
const KUBECTL_DISCOVERY_ACCEPT =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

let s: IntegrationServer;
before(async () => {
  s = await startIntegrationServer(await createPKI());
});
after(() => s.close());

describe("discovery", () => {
  const groupVersion = { groupVersion: "example.tskube.dev/v1", version: "v1" };

  it("/apis lists the group with its preferred version", T, async () => {
    const res = await s.request("/apis");
    expectCode(res, 200);
    assert.deepEqual(res.json(), {
      kind: "APIGroupList",
      apiVersion: "v1",
      groups: [{ name: "example.tskube.dev", versions: [groupVersion], preferredVersion: groupVersion }],
    });
  });

  it("/apis/<group> describes the group", T, async () => {
    assert.deepEqual((await s.request("/apis/example.tskube.dev")).json(), {
      kind: "APIGroup",
      apiVersion: "v1",
      name: "example.tskube.dev",
      versions: [groupVersion],
      preferredVersion: groupVersion,
    });
  });

  it("/apis/<group>/<version> lists resources and subresources with kinds, scopes and verbs", T, async () => {
    const verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    assert.deepEqual((await s.request(GROUP_PATH)).json(), {
      kind: "APIResourceList",
      apiVersion: "v1",
      groupVersion: "example.tskube.dev/v1",
      resources: [
        { name: "gadgets", singularName: "gadget", namespaced: false, kind: "Gadget", verbs, shortNames: ["gd"] },
        { name: "widgets", singularName: "widget", namespaced: true, kind: "Widget", verbs, shortNames: ["wd"], categories: ["all"] },
        {
          name: "widgets/scale",
          singularName: "",
          namespaced: true,
          group: "autoscaling",
          version: "v1",
          kind: "Scale",
          verbs: ["get", "patch", "update"],
        },
        { name: "widgets/status", singularName: "", namespaced: true, kind: "Widget", verbs: ["get", "patch", "update"] },
      ],
    });
  });

  it("answers aggregated discovery in the media type kubectl asks for, with an ETag", T, async () => {
    const res = await s.request("/apis", { headers: { Accept: KUBECTL_DISCOVERY_ACCEPT } });
    expectCode(res, 200);
    assert.equal(res.headers["content-type"], AGGREGATED);
    interface Discovered {
      kind: string;
      items: { metadata: { name: string }; versions: { version: string; resources: { resource: string }[] }[] }[];
    }
    const doc = res.json<Discovered>();
    assert.equal(doc.kind, "APIGroupDiscoveryList");
    assert.deepEqual(
      doc.items.map((g) => [g.metadata.name, g.versions.map((v) => [v.version, v.resources.map((r) => r.resource)])]),
      [["example.tskube.dev", [["v1", ["gadgets", "widgets"]]]]],
    );
    const etag = res.headers.etag;
    assert.ok(etag, "an ETag");
    const again = await s.request("/apis", { headers: { Accept: AGGREGATED, "If-None-Match": etag } });
    assert.equal(again.status, 304);
  });

  it("a group or version nobody serves is a 404 Status", T, async () => {
    expectStatus(await s.request("/apis/nope.example.com"), 404, "NotFound");
    expectStatus(await s.request("/apis/example.tskube.dev/v2"), 404, "NotFound");
    // No core group here.
    expectStatus(await s.request("/api"), 404, "NotFound");
  });

  it("answers 406 to an Accept it cannot satisfy", T, async () => {
    expectStatus(await s.request("/apis", { headers: { Accept: "application/vnd.kubernetes.protobuf" } }), 406, "NotAcceptable");
  });
});

describe("OpenAPI", () => {
  interface V3Index {
    paths: Record<string, { serverRelativeURL: string }>;
  }
  interface V3Document {
    openapi: string;
    paths: Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: { content: Record<string, unknown> } }>>;
    components: { schemas: Record<string, Record<string, unknown> & { properties?: Record<string, Record<string, unknown>> }> };
  }

  it("/openapi/v3 indexes the group-version with a content hash", T, async () => {
    const index = (await s.request("/openapi/v3")).json<V3Index>();
    assert.deepEqual(Object.keys(index.paths), ["apis/example.tskube.dev/v1"]);
    const url = index.paths["apis/example.tskube.dev/v1"]!.serverRelativeURL;
    assert.match(url, /^\/openapi\/v3\/apis\/example\.tskube\.dev\/v1\?hash=[0-9A-F]{128}$/);
  });

  it("serves the v3 document: kinds with their GVK, fields with patch metadata, PATCH with fieldValidation", T, async () => {
    const url = (await s.request("/openapi/v3")).json<V3Index>().paths["apis/example.tskube.dev/v1"]!.serverRelativeURL;
    const res = await s.request(url);
    expectCode(res, 200);
    assert.equal(res.headers["cache-control"], "public, immutable", "the hash names this exact content");
    const doc = res.json<V3Document>();
    assert.equal(doc.openapi, "3.0.0");

    const widgetSchema = doc.components.schemas["dev.tskube.example.v1.Widget"]!;
    assert.deepEqual(widgetSchema["x-kubernetes-group-version-kind"], [{ group: "example.tskube.dev", version: "v1", kind: "Widget" }]);
    assert.equal(widgetSchema.description, "A thing made of parts, run as some number of copies.");
    const spec = widgetSchema.properties!["spec"] as { properties: Record<string, Record<string, unknown>> };
    assert.equal(spec.properties["parts"]!["x-kubernetes-patch-merge-key"], "name");
    assert.equal(spec.properties["parts"]!["x-kubernetes-patch-strategy"], "merge");
    assert.deepEqual(spec.properties["replicas"], { description: "Desired number of copies. Defaults to 1.", type: "integer", format: "int32" });
    assert.ok(doc.components.schemas["dev.tskube.example.v1.Gadget"], "the Gadget definition");
    assert.ok(doc.components.schemas["io.k8s.api.autoscaling.v1.Scale"], "the Scale definition");

    const widgetPath = doc.paths["/apis/example.tskube.dev/v1/namespaces/{namespace}/widgets/{name}"]!;
    assert.deepEqual(Object.keys(widgetPath).sort(), ["delete", "get", "parameters", "patch", "put"]);
    assert.ok(widgetPath["patch"]!.parameters!.some((p) => p.name === "fieldValidation"), "PATCH declares fieldValidation");
    assert.ok("application/strategic-merge-patch+json" in widgetPath["patch"]!.requestBody!.content, "widgets take SMP");
    // Gadgets, like custom resources, do not offer strategic merge patch.
    const gadgetPatch = doc.paths["/apis/example.tskube.dev/v1/gadgets/{name}"]!["patch"]!;
    assert.equal("application/strategic-merge-patch+json" in gadgetPatch.requestBody!.content, false);
    assert.ok(doc.paths["/apis/example.tskube.dev/v1/namespaces/{namespace}/widgets/{name}/scale"], "the scale path");
    assert.ok(doc.paths["/apis/example.tskube.dev/v1/namespaces/{namespace}/widgets/{name}/status"], "the status path");
  });

  it("redirects an old hash to the current document (301)", T, async () => {
    const res = await s.request("/openapi/v3/apis/example.tskube.dev/v1?hash=0123");
    assert.equal(res.status, 301);
    const current = (await s.request("/openapi/v3")).json<V3Index>().paths["apis/example.tskube.dev/v1"]!.serverRelativeURL;
    assert.equal(res.headers.location, current);
  });

  it("serves Swagger 2.0 at /openapi/v2, as JSON or (asked for alone, as kubectl does) protobuf", T, async () => {
    const res = await s.request("/openapi/v2", { headers: { Accept: "application/json" } });
    expectCode(res, 200);
    const doc = res.json<{ swagger: string; definitions: Record<string, unknown>; paths: Record<string, unknown> }>();
    assert.equal(doc.swagger, "2.0");
    assert.ok(doc.definitions["dev.tskube.example.v1.Widget"], "the Widget definition");
    assert.ok(doc.paths["/apis/example.tskube.dev/v1/gadgets/{name}"], "the gadget path");
    const protobuf = await s.request("/openapi/v2", { headers: { Accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf" } });
    expectCode(protobuf, 200);
    assert.equal(protobuf.headers["content-type"], "application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
    expectStatus(await s.request("/openapi/v2", { headers: { Accept: "text/html" } }), 406, "NotAcceptable");
  });
});

describe("health, version, metrics", () => {
  it("/readyz, /livez and /healthz include the storage check", T, async () => {
    const readyz = await s.request("/readyz?verbose");
    expectCode(readyz, 200);
    assert.equal(readyz.text, "[+]ping ok\n[+]etcd ok\n[+]shutdown ok\nreadyz check passed\n");
    assert.equal((await s.request("/livez")).text, "ok");
    assert.equal((await s.request("/healthz/etcd")).text, "ok");
  });

  it("/version", T, async () => {
    const version = (await s.request("/version")).json();
    assert.equal(version.major, "1");
    assert.equal(version.minor, "32");
    assert.match(String(version.gitVersion), /^v1\.32\./);
  });

  it("/metrics counts the requests made, by verb, resource, scope and code", T, async () => {
    for (let i = 0; i < 3; i++) {
      expectCode(await s.request(widgetsPath("metrics"), { method: "POST", body: widget(`m${i}`) }), 201);
    }
    for (let i = 0; i < 2; i++) expectStatus(await s.request(widgetsPath("metrics", "nope")), 404, "NotFound");
    expectCode(await s.request(gadgetsPath(), { method: "POST", body: gadget("mg") }), 201);
    expectCode(await s.request(`${gadgetsPath()}?dryRun=All`, { method: "POST", body: gadget("mg-dry") }), 201);
    expectCode(await s.request(gadgetsPath()), 200);

    const counts = requestCounts((await s.request("/metrics")).text);
    const count = (labels: Record<string, string>) =>
      counts.filter((c) => Object.entries(labels).every(([k, v]) => c.labels[k] === v)).reduce((sum, c) => sum + c.value, 0);
    const group = { group: "example.tskube.dev", version: "v1" };
    assert.equal(count({ ...group, verb: "POST", resource: "widgets", scope: "resource", code: "201", dry_run: "" }), 3);
    assert.equal(count({ ...group, verb: "GET", resource: "widgets", scope: "resource", code: "404" }), 2);
    assert.equal(count({ ...group, verb: "POST", resource: "gadgets", code: "201", dry_run: "" }), 1);
    assert.equal(count({ ...group, verb: "POST", resource: "gadgets", code: "201", dry_run: "All" }), 1);
    assert.equal(count({ ...group, verb: "LIST", resource: "gadgets", scope: "cluster", code: "200" }), 1);
  });
});

/** The apiserver_request_total samples of a Prometheus text exposition. */
function requestCounts(text: string): { labels: Record<string, string>; value: number }[] {
  const out: { labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split("\n")) {
    const match = /^apiserver_request_total\{(.*)\} (\d+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of match[1]!.matchAll(/(\w+)="([^"]*)"/g)) labels[key!] = value!;
    out.push({ labels, value: Number(match[2]) });
  }
  return out;
}
