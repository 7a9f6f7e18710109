// Resolving a Service to an endpoint from what is stored: the port name of
// the asked-for port, ready addresses of EndpointSlices (FQDN ones under
// .localhost on loopback), and Endpoints when no slice exists; for the
// aggregator (its availability reasons, ExternalName refused) and for
// webhooks (upstream's error texts, ExternalName dialled by name).

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { KubeObject } from "@tskube/apimachinery";
import { type EmbeddedDriver, openEmbeddedDriver } from "@tskube/storage";
import { StorageFactory } from "../registry/storage-factory.js";
import { dialableName } from "./select-endpoints.js";
import { ServiceResolver, serviceInformers } from "./service-resolver.js";

describe("ServiceResolver", () => {
  let dir: string;
  let kv: EmbeddedDriver;
  let factory: StorageFactory;
  let resolver: ServiceResolver;
  const stop = new AbortController();

  const put = (prefix: string, key: string, obj: object) => factory.storageFor<KubeObject>(prefix).create(`${prefix}/${key}`, obj as KubeObject);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "tskube-resolver-"));
    kv = openEmbeddedDriver({ dataDir: dir });
    factory = new StorageFactory({ kv });
    resolver = new ServiceResolver(serviceInformers(factory));
    assert.equal(await resolver.start(stop.signal), true);
  });
  after(async () => {
    stop.abort();
    factory.destroy();
    await kv.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports each failure upstream's availability check names, and webhooks get upstream's resolver errors", async () => {
    assert.deepEqual(resolver.lookup("ns", "api", 443), { kind: "ServiceNotFound" });
    await assert.rejects(resolver.resolveEndpoint("ns", "api", 443), { message: 'service "api" not found' });
    await put("/services", "ns/api", { metadata: { name: "api", namespace: "ns" }, spec: { ports: [{ name: "https", port: 443 }] } });
    await settle();
    assert.deepEqual(resolver.lookup("ns", "api", 8443), { kind: "ServicePortError" });
    await assert.rejects(resolver.resolveEndpoint("ns", "api", 8443), { message: 'no service port 8443 found for service "api"' });
    assert.deepEqual(resolver.lookup("ns", "api", 443), { kind: "EndpointsNotFound" });
    await assert.rejects(resolver.resolveEndpoint("ns", "api", 443), { message: 'no endpoints available for service "api"' });
    assert.equal(resolver.resolve("ns", "api", 443), undefined);
  });

  it("falls back to Endpoints when the Service has no EndpointSlice", async () => {
    await put("/endpoints", "ns/api", {
      metadata: { name: "api", namespace: "ns" },
      subsets: [{ addresses: [{ ip: "10.0.0.5" }], ports: [{ name: "other", port: 9 }] }],
    });
    await settle();
    assert.deepEqual(resolver.lookup("ns", "api", 443), { kind: "MissingEndpoints", source: "endpoints", portName: "https" });
    await assert.rejects(resolver.resolveEndpoint("ns", "api", 443), { message: 'no endpoints available for service "api"' });
    await factory.storageFor<KubeObject>("/endpoints").delete("/endpoints/ns/api");
    await put("/endpoints", "ns/api", {
      metadata: { name: "api", namespace: "ns" },
      subsets: [{ addresses: [{ ip: "10.0.0.5" }], ports: [{ name: "https", port: 8443 }] }],
    });
    await settle();
    assert.deepEqual(resolver.resolve("ns", "api", 443), { host: "10.0.0.5", port: 8443 });
    assert.deepEqual(await resolver.resolveEndpoint("ns", "api", 443), { host: "10.0.0.5", port: 8443 });
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
    await assert.rejects(resolver.resolveEndpoint("ns", "api", 443), { message: 'no endpoints available for service "api"' });
    await put("/endpointslices", "ns/api-b", {
      metadata: { name: "api-b", namespace: "ns", labels: { "kubernetes.io/service-name": "api" } },
      addressType: "FQDN",
      endpoints: [{ addresses: ["api.ns.localhost", "ignored.localhost"] }],
      ports: [{ name: "https", port: 9443 }],
    });
    await settle();
    assert.deepEqual(resolver.lookup("ns", "api", 443), { kind: "Found", endpoints: [{ host: "127.0.0.1", port: 9443 }] });
    assert.deepEqual(await resolver.resolveEndpoint("ns", "api", 443), { host: "127.0.0.1", port: 9443 });
    assert.equal(dialableName("LOCALHOST."), "127.0.0.1");
    assert.equal(dialableName("api.example.com"), "api.example.com");
  });

  it("refuses ExternalName Services for the aggregator, and gives webhooks the external name on the asked-for port", async () => {
    await put("/services", "ns/outside", { metadata: { name: "outside", namespace: "ns" }, spec: { type: "ExternalName", externalName: "hooks.example.com" } });
    await settle();
    assert.deepEqual(resolver.lookup("ns", "outside", 443), { kind: "UnsupportedServiceType", type: "ExternalName" });
    assert.equal(resolver.resolve("ns", "outside", 443), undefined);
    assert.deepEqual(await resolver.resolveEndpoint("ns", "outside", 8443), { host: "hooks.example.com", port: 8443 });
  });

  it("follows changes: a deleted Service is gone for both kinds of caller", async () => {
    await factory.storageFor<KubeObject>("/services").delete("/services/ns/outside");
    await settle();
    assert.deepEqual(resolver.lookup("ns", "outside", 443), { kind: "ServiceNotFound" });
    await assert.rejects(resolver.resolveEndpoint("ns", "outside", 443), { message: 'service "outside" not found' });
  });

  it("answers webhooks only once started, after the informers have listed", async () => {
    const idle = new ServiceResolver(serviceInformers(factory));
    await assert.rejects(idle.resolveEndpoint("ns", "api", 443), { message: "the service resolver is not started" });
    const own = new AbortController();
    const started = idle.start(own.signal);
    // Asked before the first list is in: waits for it rather than answering "not found".
    assert.deepEqual(await idle.resolveEndpoint("ns", "api", 443), { host: "127.0.0.1", port: 9443 });
    assert.equal(await started, true);
    own.abort();
  });
});
