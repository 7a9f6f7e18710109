import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type KubeObject, ObjectMetaSchema, TypeMetaSchema } from "@tskube/apimachinery";
import { ALL_VERBS, type RESTStorage, type ResourceDefinition, type ResourceStorage } from "@tskube/generic-apiserver";
import { z } from "zod";
import { endpointsDefinition } from "../apis/core/v1/endpoints/definition.js";
import type { Endpoints } from "../apis/core/v1/endpoints/schema.js";
import { validateEndpoints } from "../apis/core/v1/endpoints/validation.js";
import { openTestServices } from "../apis/core/v1/service/allocation/test-support.js";
import type { Service } from "../apis/core/v1/service/schema.js";
import { type TestCoreRegistry, openTestRegistry, put, scope } from "../apis/test-support.js";
import { serviceDefinition } from "../apis/core/v1/service/definition.js";
import { systemWriterFor } from "../registry/registry-store.js";
import { kubernetesEndpoints, reconcileKubernetesService } from "./kubernetes-service.js";

/**
 * A stand-in for discovery.k8s.io/v1 EndpointSlices, whose group another
 * part of the server adds: only what the reconciler relies on (a namespaced
 * kind stored as written).
 */
const endpointSliceDefinition: ResourceDefinition<KubeObject> = {
  group: "discovery.k8s.io",
  version: "v1",
  kind: "EndpointSlice",
  resource: "endpointslices",
  singular: "endpointslice",
  namespaced: true,
  verbs: ALL_VERBS,
  schema: TypeMetaSchema.extend({ metadata: ObjectMetaSchema }).catchall(z.unknown()) as unknown as z.ZodType<KubeObject>,
  strategy: {},
};

const ns = scope("default");

describe("the kubernetes Service", () => {
  let registry: TestCoreRegistry;
  let services: ResourceStorage<Service>;
  let endpoints: RESTStorage<Endpoints>;
  let slices: RESTStorage<KubeObject>;
  before(async () => {
    registry = openTestRegistry();
    services = (await openTestServices(registry)).services;
    endpoints = systemWriterFor(endpointsDefinition, registry.storage).main;
    slices = systemWriterFor(endpointSliceDefinition, registry.storage).main;
  });
  after(() => registry.close());

  const target = { clusterIP: "10.0.0.1", address: "127.0.0.1", port: 6443 };

  it("creates the Service, its Endpoints and EndpointSlice as upstream does", async () => {
    const written = await reconcileKubernetesService({ services: services.main, endpoints, endpointSlices: slices }, target);
    assert.deepEqual(written, ["services/kubernetes", "endpoints/kubernetes", "endpointslices/kubernetes"]);

    const svc = await services.main.get(ns, "kubernetes");
    assert.deepEqual(svc.metadata.labels, { component: "apiserver", provider: "kubernetes" });
    assert.deepEqual(svc.spec, {
      clusterIP: "10.0.0.1",
      clusterIPs: ["10.0.0.1"],
      internalTrafficPolicy: "Cluster",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }],
      sessionAffinity: "None",
      type: "ClusterIP",
    });
    const ep = await endpoints.get(ns, "kubernetes");
    assert.deepEqual(ep.metadata.labels, { "endpointslice.kubernetes.io/skip-mirror": "true" });
    assert.deepEqual(ep.subsets, [{ addresses: [{ ip: "127.0.0.1" }], ports: [{ name: "https", port: 6443, protocol: "TCP" }] }]);
    const slice = await slices.get(ns, "kubernetes");
    assert.deepEqual(slice.metadata.labels, { "kubernetes.io/service-name": "kubernetes" });
    assert.equal(slice["addressType"], "IPv4");
    assert.deepEqual(slice["endpoints"], [{ addresses: ["127.0.0.1"], conditions: { ready: true } }]);
    assert.deepEqual(slice["ports"], [{ name: "https", port: 6443, protocol: "TCP" }]);

    // (The Service went through the services storage: allocated and validated as any client's.)
    // The next start finds them as they should be.
    assert.deepEqual(await reconcileKubernetesService({ services: services.main, endpoints, endpointSlices: slices }, target), []);
  });

  it("puts back its type and ports, and follows the server to another port", async () => {
    const current = await services.main.get(ns, "kubernetes");
    await services.main.update(ns, "kubernetes", put(serviceDefinition, { ...current, spec: { ...current.spec, ports: [{ name: "web", port: 80, protocol: "TCP", targetPort: 80 }] } }));
    const moved = { ...target, port: 7443 };
    const written = await reconcileKubernetesService({ services: services.main, endpoints }, moved);
    assert.deepEqual(written, ["services/kubernetes", "endpoints/kubernetes"]);
    const svc = await services.main.get(ns, "kubernetes");
    assert.deepEqual(svc.spec?.ports, [{ name: "https", port: 443, protocol: "TCP", targetPort: 7443 }]);
    assert.equal(svc.spec?.clusterIP, "10.0.0.1");
    assert.deepEqual((await endpoints.get(ns, "kubernetes")).subsets?.[0]?.ports, [{ name: "https", port: 7443, protocol: "TCP" }]);
  });

  it("recreates a deleted Service with the first IP of the range", async () => {
    await services.main.delete(ns, "kubernetes", {});
    await reconcileKubernetesService({ services: services.main, endpoints }, target);
    assert.equal((await services.main.get(ns, "kubernetes")).spec?.clusterIP, "10.0.0.1");
  });

  it("writes Endpoints a client could write, but for the loopback address (which is why the server writes them itself)", () => {
    const loopback = validateEndpoints(kubernetesEndpoints(target)).map((e) => e.toString());
    assert.deepEqual(loopback, ['subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']);
    assert.deepEqual(validateEndpoints(kubernetesEndpoints({ ...target, address: "192.0.2.10" })), []);
  });
});
