import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ResourceStorage, applyStrategicMergePatch } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { endpointsDefinition } from "./definition.js";
import type { Endpoints } from "./schema.js";
import { formatEndpoints } from "./table.js";

const ep = (name: string, subsets: unknown[]): unknown => ({ apiVersion: "v1", kind: "Endpoints", metadata: { name, namespace: "default" }, subsets });
const causes = (status: { details?: { causes?: { field?: string; message?: string }[] } }) =>
  (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);

describe("core/v1 Endpoints", () => {
  let registry: TestCoreRegistry;
  let endpoints: ResourceStorage<Endpoints>;
  before(() => {
    registry = openTestRegistry();
    endpoints = registry.storeFor(endpointsDefinition);
  });
  after(() => registry.close());

  it("defaults the port protocol to TCP", async () => {
    const created = await endpoints.main.create(
      scope("default"),
      decode(endpointsDefinition, ep("web", [{ addresses: [{ ip: "10.1.0.5" }], ports: [{ port: 8080 }] }])),
    );
    assert.deepEqual(created.subsets, [{ addresses: [{ ip: "10.1.0.5" }], ports: [{ port: 8080, protocol: "TCP" }] }]);
    assert.equal(created.metadata.generation, undefined);
  });

  it("validates addresses and ports with field paths", async () => {
    const status = await rejects(
      endpoints.main.create(
        scope("default"),
        decode(endpointsDefinition, ep("bad", [{ ports: [{ port: 80 }] }, { addresses: [{ ip: "nope", hostname: "A_B" }], ports: [{ port: 0, protocol: "ICMP" }, { name: "x", port: 1 }] }])),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      "subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`",
      'subsets[1].addresses[0].ip: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      causes(status)[2] ?? "",
      "subsets[1].ports[0].name: Required value",
      "subsets[1].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
      'subsets[1].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    ]);
    assert.match(causes(status)[2] ?? "", /^subsets\[1\]\.addresses\[0\]\.hostname: Invalid value: "A_B": /);
    const special = await rejects(
      endpoints.main.create(
        scope("default"),
        decode(endpointsDefinition, ep("special", [{ addresses: [{ ip: "127.0.0.1" }, { ip: "fe80::1" }, { ip: "0.0.0.0" }], ports: [{ port: 80 }] }])),
      ),
      422,
    );
    assert.deepEqual(causes(special), [
      'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'subsets[0].addresses[1].ip: Invalid value: "fe80::1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
      'subsets[0].addresses[2].ip: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)',
    ]);
  });

  it("prints ip:port pairs, at most three", () => {
    const three: Endpoints = {
      metadata: {},
      subsets: [
        { addresses: [{ ip: "10.0.0.1" }, { ip: "10.0.0.2" }], ports: [{ port: 80 }, { port: 443 }] },
        { addresses: [{ ip: "fd00::1" }], ports: [{ port: 53 }] },
      ],
    };
    assert.equal(formatEndpoints(three), "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...");
    assert.equal(formatEndpoints({ metadata: {}, subsets: [{ addresses: [{ ip: "fd00::1" }], ports: [{ port: 53 }] }] }), "[fd00::1]:53");
    assert.equal(formatEndpoints({ metadata: {}, subsets: [{ addresses: [{ ip: "10.0.0.9" }] }] }), "10.0.0.9");
    assert.equal(formatEndpoints({ metadata: {} }), "<none>");
    assert.equal(formatEndpoints({ metadata: {}, subsets: [{ notReadyAddresses: [{ ip: "10.0.0.1" }], ports: [{ port: 80 }] }] }), "<none>");
  });

  it("replaces subsets as a whole in a strategic merge patch (atomic)", () => {
    const current = decode(endpointsDefinition, ep("p", [{ addresses: [{ ip: "10.0.0.1" }], ports: [{ port: 80 }] }]));
    const patched = applyStrategicMergePatch(current, { subsets: [{ addresses: [{ ip: "10.0.0.2" }] }] }, endpointsDefinition.schema) as Endpoints;
    assert.deepEqual(patched.subsets, [{ addresses: [{ ip: "10.0.0.2" }] }]);
  });

  it("keeps every field through decoding", () => {
    const full = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "full", namespace: "default" },
      subsets: [
        {
          addresses: [
            {
              ip: "10.0.0.1",
              hostname: "web-0",
              nodeName: "node-1",
              targetRef: { kind: "Pod", namespace: "default", name: "web-0", uid: "u", apiVersion: "v1", resourceVersion: "5", fieldPath: "x" },
            },
          ],
          notReadyAddresses: [{ ip: "10.0.0.2" }],
          ports: [{ name: "http", port: 80, protocol: "TCP", appProtocol: "http" }],
        },
      ],
    };
    assert.deepEqual(decode(endpointsDefinition, structuredClone(full)), full);
  });
});
