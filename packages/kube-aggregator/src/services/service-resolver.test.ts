// Resolving a Service to an endpoint from what the kube-apiserver stored:
// the port name of the APIService's port, ready addresses of EndpointSlices
// (FQDN ones under .localhost on loopback), and Endpoints when no slice exists.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { KubeObject } from "@tskube/apimachinery";
import { type Informer, StorageFactory } from "@tskube/generic-apiserver";
import { type EmbeddedDriver, openEmbeddedDriver } from "@tskube/storage";
import { storageInformer } from "../controllers/storage-lister-watcher.js";
import { ServiceResolver, dialableName } from "./service-resolver.js";
import type { EndpointSlice, Endpoints, Service } from "./types.js";

describe("ServiceResolver", () => {
  let dir: string;
  let kv: EmbeddedDriver;
  let factory: StorageFactory;
  let resolver: ServiceResolver;
  const stop = new AbortController();
  const informers: Informer<KubeObject>[] = [];

  const put = (prefix: string, key: string, obj: object) => factory.storageFor<KubeObject>(prefix).create(`${prefix}/${key}`, obj as KubeObject);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "tskube-resolver-"));
    kv = openEmbeddedDriver({ dataDir: dir });
    factory = new StorageFactory({ kv });
    const services = storageInformer<Service>(factory.storageFor("/services"), "/services");
    const slices = storageInformer<EndpointSlice>(factory.storageFor("/endpointslices"), "/endpointslices");
    const endpoints = storageInformer<Endpoints>(factory.storageFor("/endpoints"), "/endpoints");
    resolver = new ServiceResolver(services, slices, endpoints);
    informers.push(services, slices, endpoints);
    for (const i of informers) void i.run(stop.signal);
    await Promise.all(informers.map((i) => i.waitForSync(stop.signal)));
  });
  after(async () => {
    stop.abort();
    factory.destroy();
    await kv.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports each failure upstream's availability check names", async () => {
    assert.deepEqual(resolver.lookup("ns", "api", 443), { kind: "ServiceNotFound" });
    await put("/services", "ns/api", { metadata: { name: "api", namespace: "ns" }, spec: { ports: [{ name: "https", port: 443 }] } });
    await settle();
    assert.deepEqual(resolver.lookup("ns", "api", 8443), { kind: "ServicePortError" });
    assert.deepEqual(resolver.lookup("ns", "api", 443), { kind: "EndpointsNotFound" });
  });

  it("falls back to Endpoints when the Service has no EndpointSlice", async () => {
    await put("/endpoints", "ns/api", {
      metadata: { name: "api", namespace: "ns" },
      subsets: [{ addresses: [{ ip: "10.0.0.5" }], ports: [{ name: "other", port: 9 }] }],
    });
    await settle();
    assert.deepEqual(resolver.lookup("ns", "api", 443), { kind: "MissingEndpoints", source: "endpoints", portName: "https" });
    await factory.storageFor<KubeObject>("/endpoints").delete("/endpoints/ns/api");
    await put("/endpoints", "ns/api", {
      metadata: { name: "api", namespace: "ns" },
      subsets: [{ addresses: [{ ip: "10.0.0.5" }], ports: [{ name: "https", port: 8443 }] }],
    });
    await settle();
    assert.deepEqual(resolver.resolve("ns", "api", 443), { host: "10.0.0.5", port: 8443 });
  });

  it("prefers EndpointSlices: ready endpoints with the port's name; FQDN .localhost names on loopback", async () => {
    await put("/endpointslices", "ns/api-a", {
      metadata: { name: "api-a", namespace: "ns", labels: { "kubernetes.io/service-name": "api" } },
      addressType: "IPv4",
      endpoints: [{ addresses: ["10.0.0.7"], conditions: { ready: false } }],
      ports: [{ name: "https", port: 8443 }],
    });
    await settle();
    assert.deepEqual(resolver.lookup("ns", "api", 443), { kind: "MissingEndpoints", source: "endpointslices", portName: "https" });
    await put("/endpointslices", "ns/api-b", {
      metadata: { name: "api-b", namespace: "ns", labels: { "kubernetes.io/service-name": "api" } },
      addressType: "FQDN",
      endpoints: [{ addresses: ["api.ns.localhost"] }],
      ports: [{ name: "https", port: 9443 }],
    });
    await settle();
    assert.deepEqual(resolver.lookup("ns", "api", 443), { kind: "Found", endpoints: [{ host: "127.0.0.1", port: 9443 }] });
    assert.equal(dialableName("LOCALHOST."), "127.0.0.1");
    assert.equal(dialableName("api.example.com"), "api.example.com");
  });
});
