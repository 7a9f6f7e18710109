// The apps/v1 group as the server installs it: discovery and OpenAPI.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { AlwaysDenyAuthorizer, DiscoveryManager, OpenAPIService, type SchemaObject, discoveryGroupOf } from "@tskube/generic-apiserver";
import { openEmbeddedDriver } from "@tskube/storage";
import { StorageFactory } from "../../../registry/storage-factory.js";
import { createServiceAllocators } from "../../core/v1/service/allocation/index.js";
import { builtinAPIGroups } from "../../index.js";
import { appsAPIGroupInfo } from "./group.js";

test("apps/v1 is installed after core, with upstream's names, subresources, short names and categories", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "tskube-apps-group-"));
  const kv = openEmbeddedDriver({ dataDir });
  const factory = new StorageFactory({ kv, watchCache: { enabled: false } });
  try {
    assert.deepEqual(builtinAPIGroups(factory, { serviceAllocators: createServiceAllocators({ storage: factory }), authorizer: () => new AlwaysDenyAuthorizer() }).map((g) => g.name).slice(0, 2), ["", "apps"]);
    const info = appsAPIGroupInfo(factory);
    const [version] = discoveryGroupOf(info).versions;
    assert.equal(version?.version, "v1");
    const summary = (version?.resources ?? []).map((r) => ({
      resource: r.resource,
      kind: r.responseKind.kind,
      shortNames: r.shortNames ?? [],
      categories: r.categories ?? [],
      subresources: (r.subresources ?? []).map((s) => `${s.subresource}:${s.responseKind.group}/${s.responseKind.kind}`),
    }));
    assert.deepEqual(summary, [
      { resource: "controllerrevisions", kind: "ControllerRevision", shortNames: [], categories: [], subresources: [] },
      { resource: "daemonsets", kind: "DaemonSet", shortNames: ["ds"], categories: ["all"], subresources: ["status:/DaemonSet"] },
      { resource: "deployments", kind: "Deployment", shortNames: ["deploy"], categories: ["all"], subresources: ["scale:autoscaling/Scale", "status:/Deployment"] },
      { resource: "replicasets", kind: "ReplicaSet", shortNames: ["rs"], categories: ["all"], subresources: ["scale:autoscaling/Scale", "status:/ReplicaSet"] },
      { resource: "statefulsets", kind: "StatefulSet", shortNames: ["sts"], categories: ["all"], subresources: ["scale:autoscaling/Scale", "status:/StatefulSet"] },
    ]);

    // The OpenAPI v3 document: upstream's definition names and strategic merge patch metadata.
    const discovery = new DiscoveryManager();
    discovery.addGroup(info);
    const openapi = new OpenAPIService(discovery);
    const doc = JSON.parse(openapi.v3("apis/apps/v1")!.body) as { components: { schemas: Record<string, SchemaObject> } };
    const schemas = doc.components.schemas;
    for (const name of ["Deployment", "DeploymentSpec", "ReplicaSet", "StatefulSet", "StatefulSetSpec", "DaemonSet", "ControllerRevision"]) {
      assert.ok(schemas[`io.k8s.api.apps.v1.${name}`], name);
    }
    assert.ok(schemas["io.k8s.api.core.v1.PodTemplateSpec"]);
    assert.ok(schemas["io.k8s.api.core.v1.PersistentVolumeClaim"]);
    const props = (name: string) => (schemas[name]?.properties ?? {}) as Record<string, SchemaObject>;
    const strategy = props("io.k8s.api.apps.v1.DeploymentSpec").strategy;
    assert.equal(strategy?.["x-kubernetes-patch-strategy"], "retainKeys");
    assert.equal(props("io.k8s.api.apps.v1.DeploymentSpec").replicas?.format, "int32");
    const conditions = props("io.k8s.api.apps.v1.DeploymentStatus").conditions;
    assert.equal(conditions?.["x-kubernetes-patch-merge-key"], "type");
    assert.equal(props("io.k8s.api.apps.v1.StatefulSetSpec").volumeClaimTemplates?.["x-kubernetes-list-type"], "atomic");
    assert.deepEqual(schemas["io.k8s.api.apps.v1.Deployment"]?.["x-kubernetes-group-version-kind"], [{ group: "apps", kind: "Deployment", version: "v1" }]);
    openapi.close();
  } finally {
    factory.destroy();
    rmSync(dataDir, { recursive: true, force: true });
    await kv.close();
  }
});
