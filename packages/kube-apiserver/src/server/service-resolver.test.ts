// The webhook service resolver of the generic library against the real
// core/v1 Services, EndpointSlices and Endpoints of this server.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { EndpointsServiceResolver } from "@tskube/generic-apiserver";
import { type TestServer, startTestServer } from "./test-support.js";

describe("EndpointsServiceResolver", () => {
  let s: TestServer;
  let resolver: EndpointsServiceResolver;
  before(async () => {
    s = await startTestServer();
    resolver = new EndpointsServiceResolver(() => s.server.loopbackClient);
    const service = (name: string, ports: unknown[]) => ({ apiVersion: "v1", kind: "Service", metadata: { name }, spec: { ports } });
    assert.equal((await s.request("/api/v1/namespaces/default/services", { method: "POST", body: service("sliced", [{ name: "https", port: 443, targetPort: 8443 }]) })).status, 201);
    assert.equal((await s.request("/api/v1/namespaces/default/services", { method: "POST", body: service("classic", [{ port: 443, targetPort: 9443 }]) })).status, 201);
    assert.equal((await s.request("/api/v1/namespaces/default/services", { method: "POST", body: service("empty", [{ port: 443 }]) })).status, 201);
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
  });
  after(() => s.close());

  it("picks a ready endpoint of an EndpointSlice, on the named port", async () => {
    assert.deepEqual(await resolver.resolve("default", "sliced", 443), { host: "127.0.0.1", port: 8443 });
  });

  it("falls back to Endpoints when a service has no EndpointSlice", async () => {
    assert.deepEqual(await resolver.resolve("default", "classic", 443), { host: "127.0.0.1", port: 9443 });
  });

  it("says what is missing", async () => {
    await assert.rejects(resolver.resolve("default", "nope", 443), /service "nope" not found/);
    await assert.rejects(resolver.resolve("default", "sliced", 80), /no service port 80 found for service "sliced"/);
    await assert.rejects(resolver.resolve("default", "empty", 443), /no endpoints available for service "empty"/);
  });
});
