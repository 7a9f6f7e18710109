// The generic library's service resolver against the real core/v1 Services,
// EndpointSlices and Endpoints of this server, as they are stored once this
// server has validated and defaulted them.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ServiceResolver, serviceInformers } from "@tskube/generic-apiserver";
import { type TestServer, startTestServer } from "./test-support.js";

describe("ServiceResolver over this server's Services and endpoints", () => {
  let s: TestServer;
  let resolver: ServiceResolver;
  const stop = new AbortController();
  before(async () => {
    s = await startTestServer();
    const service = (name: string, ports: unknown[]) => ({ apiVersion: "v1", kind: "Service", metadata: { name }, spec: { ports } });
    assert.equal((await s.request("/api/v1/namespaces/default/services", { method: "POST", body: service("sliced", [{ name: "https", port: 443, targetPort: 8443 }]) })).status, 201);
    assert.equal((await s.request("/api/v1/namespaces/default/services", { method: "POST", body: service("classic", [{ port: 443, targetPort: 9443 }]) })).status, 201);
    assert.equal((await s.request("/api/v1/namespaces/default/services", { method: "POST", body: service("empty", [{ port: 443 }]) })).status, 201);
    const external = { apiVersion: "v1", kind: "Service", metadata: { name: "outside" }, spec: { type: "ExternalName", externalName: "hooks.example.com" } };
    assert.equal((await s.request("/api/v1/namespaces/default/services", { method: "POST", body: external })).status, 201);
    // Loopback addresses are refused by validation (as upstream), so they go into storage directly.
    await s.storage.storageFor("/endpointslices").create("/endpointslices/default/sliced-1", {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "sliced-1", namespace: "default", labels: { "kubernetes.io/service-name": "sliced" } },
      addressType: "IPv4",
      endpoints: [
        { addresses: ["127.0.0.2"], conditions: { ready: false } },
        { addresses: ["127.0.0.1"], conditions: { ready: true } },
      ],
      ports: [{ name: "https", port: 8443 }],
    });
    await s.storage.storageFor("/endpoints").create("/endpoints/default/classic", {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "classic", namespace: "default" },
      subsets: [{ addresses: [{ ip: "127.0.0.1" }], ports: [{ port: 9443 }] }],
    });
    // Started after the writes: its first list sees them all.
    resolver = new ServiceResolver(serviceInformers(s.storage));
    assert.equal(await resolver.start(stop.signal), true);
  });
  after(async () => {
    stop.abort();
    await s.close();
  });

  it("picks a ready endpoint of an EndpointSlice, on the named port", async () => {
    assert.deepEqual(await resolver.resolveEndpoint("default", "sliced", 443), { host: "127.0.0.1", port: 8443 });
    assert.deepEqual(resolver.resolve("default", "sliced", 443), { host: "127.0.0.1", port: 8443 });
  });

  it("falls back to Endpoints when a service has no EndpointSlice", async () => {
    assert.deepEqual(await resolver.resolveEndpoint("default", "classic", 443), { host: "127.0.0.1", port: 9443 });
  });

  it("dials an ExternalName Service's name for webhooks; the aggregator refuses it", async () => {
    assert.deepEqual(await resolver.resolveEndpoint("default", "outside", 8443), { host: "hooks.example.com", port: 8443 });
    assert.deepEqual(resolver.lookup("default", "outside", 443), { kind: "UnsupportedServiceType", type: "ExternalName" });
  });

  it("says what is missing", async () => {
    await assert.rejects(resolver.resolveEndpoint("default", "nope", 443), { message: 'service "nope" not found' });
    await assert.rejects(resolver.resolveEndpoint("default", "sliced", 80), { message: 'no service port 80 found for service "sliced"' });
    await assert.rejects(resolver.resolveEndpoint("default", "empty", 443), { message: 'no endpoints available for service "empty"' });
    assert.deepEqual(resolver.lookup("default", "empty", 443), { kind: "EndpointsNotFound" });
  });
});
