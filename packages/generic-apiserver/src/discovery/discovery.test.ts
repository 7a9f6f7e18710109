import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DISCOVERY_ACCEPT, negotiateDiscoveryFormat } from "./aggregated.js";
import { DiscoveryManager, type DiscoveryGroupProvider } from "./manager.js";
import { createDiscoveryRouter } from "./router.js";
import { coreGroup, widgetGroup, WIDGET_GROUP } from "./testing/fixtures.js";
import { serveRouters, type TestServer } from "./testing/server.js";
import type {
  APIGroup,
  APIGroupDiscoveryList,
  APIGroupList,
  APIResourceList,
  APIVersions,
  DiscoveryGroup,
} from "./types.js";

/** The Accept header kubectl 1.32 (client-go discovery) sends to /api and /apis. */
const KUBECTL_ACCEPT =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList," +
  "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
const V2_CONTENT_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
const V2BETA1_CONTENT_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

describe("discovery negotiation", () => {
  it("picks aggregated v2 for kubectl's Accept header", () => {
    assert.equal(DISCOVERY_ACCEPT, KUBECTL_ACCEPT);
    assert.deepEqual(negotiateDiscoveryFormat(KUBECTL_ACCEPT), { aggregated: true, version: "v2" });
  });

  it("picks v2beta1 when only that is asked for, or when it has the higher quality", () => {
    assert.deepEqual(negotiateDiscoveryFormat(`${V2BETA1_CONTENT_TYPE},application/json`), {
      aggregated: true,
      version: "v2beta1",
    });
    assert.deepEqual(negotiateDiscoveryFormat(`${V2_CONTENT_TYPE};q=0.5,${V2BETA1_CONTENT_TYPE}`), {
      aggregated: true,
      version: "v2beta1",
    });
  });

  it("falls back to plain JSON for JSON, wildcards, no header, and unknown transformations", () => {
    for (const accept of [undefined, "", "application/json", "*/*", "application/*", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"]) {
      assert.deepEqual(negotiateDiscoveryFormat(accept), { aggregated: false }, String(accept));
    }
    // A version we do not serve is skipped, like any unknown transformation.
    assert.deepEqual(
      negotiateDiscoveryFormat("application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,application/json"),
      { aggregated: false },
    );
  });

  it("finds nothing acceptable in protobuf or YAML only", () => {
    assert.equal(negotiateDiscoveryFormat("application/vnd.kubernetes.protobuf"), null);
    assert.equal(negotiateDiscoveryFormat("application/yaml"), null);
    assert.equal(negotiateDiscoveryFormat("application/json;q=0"), null);
  });
});

describe("DiscoveryManager", () => {
  it("recomputes when groups are added and removed, and tells listeners", () => {
    const manager = new DiscoveryManager();
    let changes = 0;
    manager.onChange(() => changes++);
    manager.addGroup(coreGroup());
    const first = manager.cached("k", () => manager.discoveryGroups().map((g) => g.name));
    assert.equal(manager.cached("k", () => assert.fail("must come from the cache")), first);

    manager.addGroup(widgetGroup());
    assert.deepEqual(JSON.parse(manager.cached("k", () => manager.discoveryGroups().map((g) => g.name)).body), [
      "",
      WIDGET_GROUP,
    ]);
    assert.equal(manager.removeGroup(WIDGET_GROUP), true);
    assert.equal(manager.removeGroup(WIDGET_GROUP), false);
    assert.deepEqual(manager.discoveryGroups().map((g) => g.name), [""]);
    assert.equal(changes, 3);
  });

  it("merges a delegate's groups after its own, versions of a shared group included", () => {
    const delegate = new DiscoveryManager();
    delegate.addGroup(widgetGroup());
    const front = new DiscoveryManager();
    front.addGroup(coreGroup());
    // The front server also serves widgets.example.com, in a version the delegate lacks.
    const v2 = { version: "v2", resources: [] };
    front.addGroup({ name: WIDGET_GROUP, versions: [v2] });
    front.addGroupSource(delegate);

    assert.deepEqual(front.apiGroupInfos().map((g) => [g.name, g.versions.map((v) => v.version)]), [
      ["", ["v1"]],
      [WIDGET_GROUP, ["v2", "v1", "v1beta1"]],
    ]);
    let changed = false;
    front.onChange(() => (changed = true));
    delegate.removeGroup(WIDGET_GROUP);
    assert.equal(changed, true, "a delegate's change reaches the front manager");
    assert.deepEqual(front.group(WIDGET_GROUP)?.versions.map((v) => v.version), ["v2"]);
  });

  it("publishes groups from providers after in-process ones", () => {
    const remote: DiscoveryGroup = {
      name: "metrics.k8s.io",
      versions: [{ version: "v1beta1", resources: [], freshness: "Stale" }],
    };
    let notify = () => {};
    const provider: DiscoveryGroupProvider = {
      discoveryGroups: () => [remote],
      onChange: (listener) => {
        notify = listener;
        return () => {};
      },
    };
    const manager = new DiscoveryManager();
    manager.addGroup(coreGroup());
    const remove = manager.addDiscoveryProvider(provider);
    assert.deepEqual(manager.discoveryGroups().map((g) => g.name), ["", "metrics.k8s.io"]);
    remote.versions[0]!.freshness = "Current";
    notify();
    assert.equal(manager.group("metrics.k8s.io")?.versions[0]?.freshness, "Current");
    remove();
    assert.deepEqual(manager.discoveryGroups().map((g) => g.name), [""]);
  });
});

describe("discovery order", () => {
  it("publishes groups and versions in the order setOrder gives, and again after a change", () => {
    const manager = new DiscoveryManager();
    manager.addGroup(coreGroup());
    manager.addGroup(widgetGroup());
    let changes = 0;
    manager.onChange(() => changes++);
    let reversed = true;
    manager.setOrder((groups) => (reversed ? [...groups].reverse() : [...groups]));
    assert.equal(changes, 1);
    assert.deepEqual(manager.discoveryGroups().map((g) => g.name), [WIDGET_GROUP, ""]);
    reversed = false;
    manager.setOrder((groups) => (reversed ? [...groups].reverse() : [...groups]));
    assert.deepEqual(manager.discoveryGroups().map((g) => g.name), ["", WIDGET_GROUP]);
    manager.setOrder(undefined);
    assert.deepEqual(manager.discoveryGroups().map((g) => g.name), ["", WIDGET_GROUP]);
  });
});

describe("discovery endpoints", () => {
  const manager = new DiscoveryManager();
  manager.addGroup(coreGroup());
  manager.addGroup(widgetGroup());
  let server: TestServer;
  before(async () => {
    server = await serveRouters(createDiscoveryRouter(manager));
  });
  after(() => server.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(server.url + path, { headers });

  it("GET /api: APIVersions with serverAddressByClientCIDRs", async () => {
    const res = await get("/api", { Accept: "application/json" });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
    const body = (await res.json()) as APIVersions;
    assert.deepEqual(body, {
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: new URL(server.url).host }],
    });
  });

  it("GET /api/v1: resources, subresources as <resource>/<sub>, no apiVersion (as upstream)", async () => {
    const body = (await (await get("/api/v1")).json()) as APIResourceList;
    assert.deepEqual(body, {
      kind: "APIResourceList",
      groupVersion: "v1",
      resources: [
        {
          name: "configmaps",
          singularName: "configmap",
          namespaced: true,
          kind: "ConfigMap",
          verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
          shortNames: ["cm"],
        },
        {
          name: "namespaces",
          singularName: "namespace",
          namespaced: false,
          kind: "Namespace",
          verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
          shortNames: ["ns"],
        },
        { name: "namespaces/status", singularName: "", namespaced: false, kind: "Namespace", verbs: ["get", "patch", "update"] },
      ],
    });
  });

  it("GET /apis: APIGroupList with the preferred (first) version", async () => {
    const body = (await (await get("/apis")).json()) as APIGroupList;
    const versions = [
      { groupVersion: `${WIDGET_GROUP}/v1`, version: "v1" },
      { groupVersion: `${WIDGET_GROUP}/v1beta1`, version: "v1beta1" },
    ];
    assert.deepEqual(body, {
      kind: "APIGroupList",
      apiVersion: "v1",
      groups: [{ name: WIDGET_GROUP, versions, preferredVersion: versions[0] }],
    });
  });

  it("GET /apis/<group>: APIGroup", async () => {
    const body = (await (await get(`/apis/${WIDGET_GROUP}`)).json()) as APIGroup;
    assert.equal(body.kind, "APIGroup");
    assert.equal(body.apiVersion, "v1");
    assert.equal(body.name, WIDGET_GROUP);
    assert.deepEqual(body.preferredVersion, { groupVersion: `${WIDGET_GROUP}/v1`, version: "v1" });
  });

  it("GET /apis/<group>/<version>: scale in autoscaling/v1, status in the group", async () => {
    const body = (await (await get(`/apis/${WIDGET_GROUP}/v1`)).json()) as APIResourceList;
    assert.equal(body.apiVersion, "v1");
    assert.equal(body.groupVersion, `${WIDGET_GROUP}/v1`);
    assert.deepEqual(body.resources.map((r) => r.name), ["gadgets", "widgets", "widgets/scale", "widgets/status"]);
    const byName = new Map(body.resources.map((r) => [r.name, r]));
    assert.deepEqual(byName.get("widgets"), {
      name: "widgets",
      singularName: "widget",
      namespaced: true,
      kind: "Widget",
      verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
      shortNames: ["wd"],
      categories: ["all"],
    });
    assert.deepEqual(byName.get("widgets/scale"), {
      name: "widgets/scale",
      singularName: "",
      namespaced: true,
      group: "autoscaling",
      version: "v1",
      kind: "Scale",
      verbs: ["get", "patch", "update"],
    });
    assert.equal(byName.get("widgets/status")?.kind, "Widget");
    assert.equal(byName.get("widgets/status")?.group, undefined);
    assert.equal(byName.get("gadgets")?.namespaced, false);
  });

  it("passes unknown groups and versions on to the next handler", async () => {
    for (const path of ["/apis/nope.example.com", `/apis/${WIDGET_GROUP}/v9`, "/api/v2", "/apis/nope/v1"]) {
      assert.equal((await get(path)).status, 404, path);
    }
  });

  it("answers aggregated /apis for kubectl's Accept header, echoing the v2 media type", async () => {
    const res = await get("/apis", { Accept: KUBECTL_ACCEPT });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), V2_CONTENT_TYPE);
    assert.match(res.headers.get("etag") ?? "", /^"[0-9A-F]{128}"$/);
    assert.equal(res.headers.get("vary"), "Accept");
    const body = (await res.json()) as APIGroupDiscoveryList;
    assert.deepEqual(body, {
      kind: "APIGroupDiscoveryList",
      apiVersion: "apidiscovery.k8s.io/v2",
      metadata: {},
      items: [
        {
          metadata: { name: WIDGET_GROUP },
          versions: [
            {
              version: "v1",
              resources: [
                {
                  resource: "gadgets",
                  responseKind: { group: "", version: "", kind: "Gadget" },
                  scope: "Cluster",
                  singularResource: "gadget",
                  verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
                },
                {
                  resource: "widgets",
                  responseKind: { group: "", version: "", kind: "Widget" },
                  scope: "Namespaced",
                  singularResource: "widget",
                  verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
                  shortNames: ["wd"],
                  categories: ["all"],
                  subresources: [
                    {
                      subresource: "scale",
                      responseKind: { group: "autoscaling", version: "v1", kind: "Scale" },
                      verbs: ["get", "patch", "update"],
                    },
                    {
                      subresource: "status",
                      responseKind: { group: "", version: "", kind: "Widget" },
                      verbs: ["get", "patch", "update"],
                    },
                  ],
                },
              ],
              freshness: "Current",
            },
            {
              version: "v1beta1",
              resources: [
                {
                  resource: "widgets",
                  responseKind: { group: "", version: "", kind: "Widget" },
                  scope: "Namespaced",
                  singularResource: "widget",
                  verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
                  shortNames: ["wd"],
                  categories: ["all"],
                  subresources: [
                    {
                      subresource: "scale",
                      responseKind: { group: "autoscaling", version: "v1", kind: "Scale" },
                      verbs: ["get", "patch", "update"],
                    },
                    {
                      subresource: "status",
                      responseKind: { group: "", version: "", kind: "Widget" },
                      verbs: ["get", "patch", "update"],
                    },
                  ],
                },
              ],
              freshness: "Current",
            },
          ],
        },
      ],
    });
  });

  it("answers aggregated /api with the core group, its name left out", async () => {
    const res = await get("/api", { Accept: KUBECTL_ACCEPT });
    assert.equal(res.headers.get("content-type"), V2_CONTENT_TYPE);
    const body = (await res.json()) as APIGroupDiscoveryList;
    assert.equal(body.items.length, 1);
    assert.deepEqual(body.items[0]?.metadata, {});
    assert.deepEqual(
      body.items[0]?.versions[0]?.resources.map((r) => [r.resource, r.scope, r.subresources?.map((s) => s.subresource)]),
      [
        ["configmaps", "Namespaced", undefined],
        ["namespaces", "Cluster", ["status"]],
      ],
    );
  });

  it("serves v2beta1 with its own media type and apiVersion", async () => {
    const res = await get("/apis", { Accept: V2BETA1_CONTENT_TYPE });
    assert.equal(res.headers.get("content-type"), V2BETA1_CONTENT_TYPE);
    assert.equal(((await res.json()) as APIGroupDiscoveryList).apiVersion, "apidiscovery.k8s.io/v2beta1");
  });

  it("answers 304 to a matching If-None-Match, and a new ETag after a change", async () => {
    const first = await get("/apis", { Accept: KUBECTL_ACCEPT });
    const etag = first.headers.get("etag") ?? "";
    await first.arrayBuffer();

    const cached = await get("/apis", { Accept: KUBECTL_ACCEPT, "If-None-Match": etag });
    assert.equal(cached.status, 304);
    assert.equal(cached.headers.get("etag"), etag);
    assert.equal(await cached.text(), "");

    manager.addGroup({ name: "extra.example.com", versions: [{ version: "v1", resources: [] }] });
    try {
      const changed = await get("/apis", { Accept: KUBECTL_ACCEPT, "If-None-Match": etag });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get("etag"), etag);
      const body = (await changed.json()) as APIGroupDiscoveryList;
      assert.deepEqual(body.items.map((i) => i.metadata.name), [WIDGET_GROUP, "extra.example.com"]);
    } finally {
      manager.removeGroup("extra.example.com");
    }
  });

  it("answers 406 with a Status when nothing acceptable is asked for", async () => {
    const res = await get("/apis", { Accept: "application/vnd.kubernetes.protobuf" });
    assert.equal(res.status, 406);
    const status = (await res.json()) as { kind: string; reason: string; code: number };
    assert.equal(status.kind, "Status");
    assert.equal(status.reason, "NotAcceptable");
    assert.equal(status.code, 406);
  });
});

describe("discovery without a core group", () => {
  it("lets /api fall through (a server with only /apis groups) and uses a configured address", async () => {
    const manager = new DiscoveryManager();
    manager.addGroup(widgetGroup());
    const server = await serveRouters(createDiscoveryRouter(manager, { serverAddress: "10.0.0.1:6443" }));
    try {
      assert.equal((await fetch(`${server.url}/api`)).status, 404);
      assert.equal((await fetch(`${server.url}/apis`)).status, 200);
      manager.addGroup(coreGroup());
      const body = (await (await fetch(`${server.url}/api`)).json()) as APIVersions;
      assert.deepEqual(body.serverAddressByClientCIDRs, [{ clientCIDR: "0.0.0.0/0", serverAddress: "10.0.0.1:6443" }]);
    } finally {
      await server.close();
    }
  });
});
