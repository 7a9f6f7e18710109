import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { causes, decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { networkPolicyDefinition } from "./definition.js";
import type { NetworkPolicy } from "./schema.js";
import { formatLabelSelector } from "@tskube/apimachinery";

const np = (name: string, spec: Record<string, unknown>): unknown => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "NetworkPolicy",
  metadata: { name, namespace: "default" },
  spec,
});

describe("networking.k8s.io/v1 NetworkPolicy", () => {
  let registry: TestCoreRegistry;
  let policies: ResourceStorage<NetworkPolicy>;
  before(() => {
    registry = openTestRegistry();
    policies = registry.storeFor(networkPolicyDefinition);
  });
  after(() => registry.close());

  it("defaults policyTypes and port protocols as upstream", () => {
    const deny = decode(networkPolicyDefinition, np("deny", {}));
    assert.deepEqual(deny.spec, { podSelector: {}, policyTypes: ["Ingress"] });
    const both = decode(networkPolicyDefinition, np("both", { egress: [{ ports: [{ port: 53 }, { protocol: "UDP", port: 53 }] }] }));
    assert.deepEqual(both.spec?.policyTypes, ["Ingress", "Egress"]);
    assert.deepEqual(both.spec?.egress?.[0]?.ports, [{ protocol: "TCP", port: 53 }, { protocol: "UDP", port: 53 }]);
    const egressOnly = decode(networkPolicyDefinition, np("e", { policyTypes: ["Egress"] }));
    assert.deepEqual(egressOnly.spec?.policyTypes, ["Egress"]);
  });

  it("stores a policy with generation 1, bumped by spec changes", async () => {
    const spec = {
      podSelector: { matchLabels: { app: "db" } },
      ingress: [{ from: [{ ipBlock: { cidr: "172.17.0.0/16", except: ["172.17.1.0/24"] } }, { namespaceSelector: { matchLabels: { project: "p" } }, podSelector: {} }], ports: [{ port: 6379 }] }],
      egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/24" } }], ports: [{ port: 32000, endPort: 32768 }] }],
    };
    const created = await policies.main.create(scope("default"), decode(networkPolicyDefinition, np("db", spec)));
    assert.equal(created.metadata.generation, 1);
    assert.deepEqual(created.spec?.policyTypes, ["Ingress", "Egress"]);
    const { object } = await policies.main.update(scope("default"), "db", put(networkPolicyDefinition, np("db", { ...spec, egress: [] })));
    assert.equal(object.metadata.generation, 2);
  });

  it("checks ports, peers, CIDRs and policy types as upstream", async () => {
    const spec = {
      podSelector: { matchExpressions: [{ key: "app", operator: "Has" }] },
      ingress: [
        {
          ports: [{ protocol: "ICMP", port: 0 }, { port: 80, endPort: 79 }, { port: "http", endPort: 90 }, { endPort: 90 }, { port: "HTTP_1" }],
          from: [
            {},
            { ipBlock: { cidr: "10.0.0.0/8" }, podSelector: {} },
            { ipBlock: { cidr: "10.0.0.0/33" } },
            { ipBlock: { cidr: "10.0.0.0/16", except: ["10.0.0.0/16", "11.0.0.0/24", "10.0.1.0/24", "fd00::/64", "x"] } },
            { ipBlock: { cidr: "" } },
          ],
        },
      ],
      policyTypes: ["Ingress", "Egress", "Ingress"],
    };
    const status = await rejects(policies.main.create(scope("default"), decode(networkPolicyDefinition, np("bad", spec))), 422);
    assert.deepEqual(causes(status), [
      'spec.podSelector.matchExpressions[0].operator: Invalid value: "Has": not a valid selector operator',
      'spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"',
      "spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
      "spec.ingress[0].ports[1].endPort: Invalid value: 80: must be greater than or equal to `port`",
      "spec.ingress[0].ports[2].endPort: Invalid value: 90: may not be specified when `port` is non-numeric",
      "spec.ingress[0].ports[3].endPort: Invalid value: 90: may not be specified when `port` is not specified",
      'spec.ingress[0].ports[4].port: Invalid value: "HTTP_1": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.ingress[0].ports[4].port: Invalid value: "HTTP_1": must contain at least one letter (a-z)',
      "spec.ingress[0].from[0]: Required value: must specify a peer",
      "spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer",
      'spec.ingress[0].from[2].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      'spec.ingress[0].from[3].ipBlock.except[0]: Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`',
      'spec.ingress[0].from[3].ipBlock.except[1]: Invalid value: "11.0.0.0/24": must be a strict subset of `cidr`',
      'spec.ingress[0].from[3].ipBlock.except[3]: Invalid value: "fd00::/64": must be a strict subset of `cidr`',
      'spec.ingress[0].from[3].ipBlock.except[4]: Invalid value: "x": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      "spec.ingress[0].from[4].ipBlock.cidr: Required value",
      'spec.policyTypes: Invalid value: ["Ingress","Egress","Ingress"]: may not specify more than two policyTypes',
    ]);
    const badType = await rejects(policies.main.create(scope("default"), decode(networkPolicyDefinition, np("t", { policyTypes: ["ingress"] }))), 422);
    assert.deepEqual(causes(badType), ['spec.policyTypes[0]: Unsupported value: "ingress": supported values: "Ingress", "Egress"']);
  });

  it("prints POD-SELECTOR as selector text", () => {
    assert.equal(formatLabelSelector({}), "<none>");
    assert.equal(formatLabelSelector(undefined), "<none>");
    assert.equal(
      formatLabelSelector({ matchLabels: { tier: "db", app: "x" }, matchExpressions: [{ key: "env", operator: "NotIn", values: ["dev", "ci"] }] }),
      "app=x,env notin (ci,dev),tier=db",
    );
    assert.equal(formatLabelSelector({ matchExpressions: [{ key: "a", operator: "Bad" }] }), "<error>");
    const cells = networkPolicyDefinition.tableColumns?.map((c) => c.name);
    assert.deepEqual(cells, ["Pod-Selector"]);
  });

  it("keeps every field through decoding", () => {
    const peer = { podSelector: { matchLabels: { a: "b" } }, namespaceSelector: { matchExpressions: [{ key: "k", operator: "Exists" }] } };
    const full = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "full", namespace: "default" },
      spec: {
        podSelector: { matchLabels: { app: "web" } },
        ingress: [{ ports: [{ protocol: "TCP", port: "http" }], from: [peer, { ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }] }],
        egress: [{ ports: [{ protocol: "UDP", port: 53, endPort: 54 }], to: [peer] }],
        policyTypes: ["Ingress", "Egress"],
      },
    };
    assert.deepEqual(decode(networkPolicyDefinition, structuredClone(full)), full);
  });
});
