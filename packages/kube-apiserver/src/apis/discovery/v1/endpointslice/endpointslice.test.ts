import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parseLabelSelector } from "@tskube/apimachinery";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { causes, decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { endpointSliceDefinition } from "./definition.js";
import { type EndpointSlice, LABEL_SERVICE_NAME } from "./schema.js";
import { formatEndpoints, formatPorts } from "./table.js";

const slice = (name: string, more: Record<string, unknown>, labels: Record<string, string> = { [LABEL_SERVICE_NAME]: "web" }): unknown => ({
  apiVersion: "discovery.k8s.io/v1",
  kind: "EndpointSlice",
  metadata: { name, namespace: "default", labels },
  ...more,
});

describe("discovery.k8s.io/v1 EndpointSlice", () => {
  let registry: TestCoreRegistry;
  let slices: ResourceStorage<EndpointSlice>;
  before(() => {
    registry = openTestRegistry();
    slices = registry.storeFor(endpointSliceDefinition);
  });
  after(() => registry.close());

  it("defaults ports, serializes empty lists as null, and counts generations", async () => {
    const empty = decode(endpointSliceDefinition, slice("empty", { addressType: "IPv4" }));
    assert.deepEqual([empty.endpoints, empty.ports], [null, null]);
    const body = slice("web-abc", {
      addressType: "IPv4",
      endpoints: [{ addresses: ["10.1.2.3"], conditions: { ready: true }, nodeName: "node-1", zone: "a", targetRef: { kind: "Pod", name: "web-0", namespace: "default" } }],
      ports: [{ port: 80 }],
    });
    const created = await slices.main.create(scope("default"), decode(endpointSliceDefinition, body));
    assert.deepEqual(created.ports, [{ name: "", protocol: "TCP", port: 80 }]);
    assert.equal(created.metadata.generation, 1);
    const same = await slices.main.update(scope("default"), "web-abc", put(endpointSliceDefinition, body));
    assert.equal(same.object.metadata.generation, 1);
    const moved = slice("web-abc", { addressType: "IPv4", endpoints: [{ addresses: ["10.1.2.4"] }], ports: [{ port: 80 }] });
    const changed = await slices.main.update(scope("default"), "web-abc", put(endpointSliceDefinition, moved));
    assert.equal(changed.object.metadata.generation, 2);
    assert.deepEqual(changed.object.endpoints?.[0]?.conditions, {});
  });

  it("finds a service's slices by the kubernetes.io/service-name label", async () => {
    await slices.main.create(scope("default"), decode(endpointSliceDefinition, slice("other-1", { addressType: "IPv6" }, { [LABEL_SERVICE_NAME]: "other" })));
    const list = await slices.main.list(scope("default"), { labelSelector: parseLabelSelector(`${LABEL_SERVICE_NAME}=other`) });
    assert.deepEqual(list.items.map((s) => s.metadata.name), ["other-1"]);
  });

  it("requires an address type, and keeps it", async () => {
    const missing = await rejects(slices.main.create(scope("default"), decode(endpointSliceDefinition, slice("none", {}))), 422);
    assert.deepEqual(causes(missing), ["addressType: Required value"]);
    const unknown = await rejects(slices.main.create(scope("default"), decode(endpointSliceDefinition, slice("ip", { addressType: "IP" }))), 422);
    assert.deepEqual(causes(unknown), ['addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"']);
    await slices.main.create(scope("default"), decode(endpointSliceDefinition, slice("fixed", { addressType: "IPv4" })));
    const status = await rejects(slices.main.update(scope("default"), "fixed", put(endpointSliceDefinition, slice("fixed", { addressType: "IPv6" }))), 422);
    assert.deepEqual(causes(status), ['addressType: Invalid value: "IPv6": field is immutable']);
  });

  it("checks endpoints and ports as upstream", async () => {
    const body = slice("bad", {
      addressType: "IPv4",
      endpoints: [
        { addresses: [] },
        { addresses: ["::1", "127.0.0.1", "10.0.0.1"], nodeName: "Node_1", hostname: "web.0" },
        { addresses: ["10.0.0.2"], hints: { forZones: [{ name: "a" }, { name: "a" }, { name: "b c" }] } },
      ],
      ports: [{ name: "http", port: 80 }, { name: "http", protocol: "ICMP" }, { name: "HTTP", appProtocol: "a/b/c" }],
    });
    const status = await rejects(slices.main.create(scope("default"), decode(endpointSliceDefinition, body)), 422);
    assert.deepEqual(
      causes(status).map((c) => c.replace(/ \(e\.g\..*$/, "")),
      [
        "endpoints[0].addresses: Required value: must contain at least 1 address",
        'endpoints[1].addresses[0]: Invalid value: "::1": must be a valid IPv4 address',
        'endpoints[1].addresses[1]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
        `endpoints[1].nodeName: Invalid value: "Node_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
        'endpoints[1].hostname: Invalid value: "web.0": must not contain dots',
        'endpoints[2].hints.forZones[1].name: Duplicate value: "a"',
        `endpoints[2].hints.forZones[2].name: Invalid value: "b c": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
        'ports[1].name: Duplicate value: "http"',
        'ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
        `ports[2].name: Invalid value: "HTTP": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`,
        `ports[2].appProtocol: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
      ],
    );
    const fqdn = slice("names", { addressType: "FQDN", endpoints: [{ addresses: ["db.example.com.", "localhost", "Bad.example.com"] }] });
    const fqdnStatus = await rejects(slices.main.create(scope("default"), decode(endpointSliceDefinition, fqdn)), 422);
    assert.deepEqual(
      causes(fqdnStatus).map((c) => c.replace(/ \(e\.g\..*$/, "")),
      [
        'endpoints[0].addresses[1]: Invalid value: "localhost": should be a domain with at least two segments separated by dots',
        `endpoints[0].addresses[2]: Invalid value: "Bad.example.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      ],
    );
    const v6 = slice("v6", { addressType: "IPv6", endpoints: [{ addresses: ["fd00::1", "10.0.0.1"] }] });
    const v6Status = await rejects(slices.main.create(scope("default"), decode(endpointSliceDefinition, v6)), 422);
    assert.deepEqual(causes(v6Status), ['endpoints[0].addresses[1]: Invalid value: "10.0.0.1": must be a valid IPv6 address']);
  });

  it("drops deprecatedTopology on writes, keeping a known node as nodeName", async () => {
    const topology = { "kubernetes.io/hostname": "node-1", "topology.kubernetes.io/zone": "a" };
    const created = await slices.main.create(
      scope("default"),
      decode(endpointSliceDefinition, slice("topo", { addressType: "IPv4", endpoints: [{ addresses: ["10.0.0.1"], deprecatedTopology: topology }] })),
    );
    assert.deepEqual(created.endpoints?.[0], { addresses: ["10.0.0.1"], conditions: {} });
  });

  it("prints ADDRESSTYPE PORTS ENDPOINTS as upstream's printer", () => {
    const s = decode(
      endpointSliceDefinition,
      slice("t", {
        addressType: "IPv4",
        endpoints: [{ addresses: ["10.0.0.1", "10.0.0.2"] }, { addresses: ["10.0.0.3"] }, { addresses: ["10.0.0.4", "10.0.0.5"] }],
        ports: [{ port: 80 }, { name: "metrics" }, {}, { port: 443 }],
      }),
    );
    assert.equal(formatEndpoints(s), "10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...");
    assert.equal(formatPorts(s), "80,metrics, + 1 more...");
    const empty = decode(endpointSliceDefinition, slice("e", { addressType: "FQDN" }));
    assert.deepEqual(endpointSliceDefinition.tableColumns?.map((c) => c.cell(empty)), ["FQDN", "<unset>", "<unset>"]);
  });

  it("keeps every field through decoding", () => {
    const full = {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "full", namespace: "default" },
      addressType: "IPv4",
      endpoints: [
        {
          addresses: ["10.0.0.1"],
          conditions: { ready: true, serving: true, terminating: false },
          hostname: "web-0",
          targetRef: { kind: "Pod", namespace: "default", name: "web-0", uid: "u" },
          deprecatedTopology: { a: "b" },
          nodeName: "node-1",
          zone: "z1",
          hints: { forZones: [{ name: "z1" }] },
        },
      ],
      ports: [{ name: "http", protocol: "TCP", port: 80, appProtocol: "http" }],
    };
    assert.deepEqual(decode(endpointSliceDefinition, structuredClone(full)), full);
  });
});
