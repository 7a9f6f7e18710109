import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { causes, decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { nodeDefinition } from "./definition.js";
import type { Node } from "./schema.js";
import { nodeColumns } from "./table.js";

const node = (name: string, more: Record<string, unknown> = {}): unknown => ({ apiVersion: "v1", kind: "Node", metadata: { name }, ...more });
const cells = (n: Node, wide = true) =>
  Object.fromEntries(nodeColumns.filter((c) => c.name !== "Age" && (wide || !c.priority)).map((c) => [c.name, c.cell(n)]));

const kubeletStatus = {
  capacity: { cpu: "4", memory: "16Gi", pods: "110" },
  conditions: [{ type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" }],
  addresses: [
    { type: "InternalIP", address: "10.0.0.5" },
    { type: "Hostname", address: "worker-1" },
  ],
  nodeInfo: { kubeletVersion: "v1.32.0", osImage: "Debian GNU/Linux 12 (bookworm)", kernelVersion: "6.1.0", containerRuntimeVersion: "containerd://1.7.22" },
  daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
};

describe("core/v1 Node", () => {
  let registry: TestCoreRegistry;
  let nodes: ResourceStorage<Node>;
  before(() => {
    registry = openTestRegistry();
    nodes = registry.storeFor(nodeDefinition);
  });
  after(() => registry.close());

  it("keeps the status the kubelet registers with, and fills in allocatable and podCIDRs", async () => {
    const created = await nodes.main.create(
      scope(""),
      decode(nodeDefinition, node("worker-1", { spec: { podCIDR: "10.244.1.0/24", configSource: { configMap: { namespace: "kube-system", name: "c", kubeletConfigKey: "k" } } }, status: kubeletStatus })),
    );
    assert.deepEqual(created.spec, { podCIDR: "10.244.1.0/24", podCIDRs: ["10.244.1.0/24"] });
    assert.deepEqual(created.status?.allocatable, { cpu: "4", memory: "16Gi", pods: "110" });
    assert.equal(created.status?.conditions?.[0]?.type, "Ready");
    assert.deepEqual(created.status?.nodeInfo?.machineID, "");
    assert.deepEqual(created.status?.daemonEndpoints, { kubeletEndpoint: { Port: 10250 } });
    assert.equal(created.metadata.generation, undefined);
    assert.equal(created.metadata.namespace, undefined);
  });

  it("rejects bad taints, amounts and pod CIDRs with upstream's paths", async () => {
    const status = await rejects(
      nodes.main.create(
        scope(""),
        decode(
          nodeDefinition,
          node("bad", {
            spec: {
              podCIDRs: ["10.0.0.0/24", "10.1.0.0/24"],
              taints: [
                { key: "dedicated", value: "gpu", effect: "NoSchedule" },
                { key: "dedicated", value: "other", effect: "NoSchedule" },
                { key: "x", effect: "Sometimes" },
                { key: "y" },
              ],
            },
            status: { capacity: { cpu: "-1", pods: "1.5" } },
          }),
        ),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      'metadata.taints[1]: Duplicate value: {"key":"dedicated","value":"other","effect":"NoSchedule"}: taints must be unique by key and effect pair',
      'metadata.taints[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      "metadata.taints[3].effect: Required value",
      'status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0',
      'status.capacity.pods: Invalid value: "1.5": must be an integer',
      // allocatable was defaulted from capacity before validation, as upstream does
      'status.allocatable.cpu: Invalid value: "-1": must be greater than or equal to 0',
      'status.allocatable.pods: Invalid value: "1.5": must be an integer',
      'spec.podCIDRs: Invalid value: ["10.0.0.0/24","10.1.0.0/24"]: may specify no more than one CIDR for each IP family',
    ]);
    const cidr = await rejects(nodes.main.create(scope(""), decode(nodeDefinition, node("cidr", { spec: { podCIDR: "10.0.0.0" } }))), 422);
    assert.deepEqual(causes(cidr), ['spec.podCIDRs[0]: Invalid value: "10.0.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']);
    await rejects(nodes.main.create(scope(""), decode(nodeDefinition, node("Not_A_Name"))), 422);
  });

  it("lets podCIDRs and providerID be set once, keeps status on update and spec on /status", async () => {
    await nodes.main.create(scope(""), decode(nodeDefinition, node("n2", { status: kubeletStatus })));
    const { object: assigned } = await nodes.main.update(
      scope(""),
      "n2",
      put(nodeDefinition, node("n2", { spec: { podCIDR: "10.244.2.0/24", providerID: "kind://docker/n2", unschedulable: true }, status: { capacity: { cpu: "1" } } })),
    );
    assert.deepEqual(assigned.spec?.podCIDRs, ["10.244.2.0/24"]);
    assert.equal(assigned.spec?.unschedulable, true);
    assert.equal(assigned.status?.capacity?.cpu, "4", "the main resource does not write status");

    const status = await rejects(
      nodes.main.update(scope(""), "n2", put(nodeDefinition, node("n2", { spec: { podCIDR: "10.244.9.0/24", providerID: "kind://docker/other" } }))),
      422,
    );
    assert.deepEqual(causes(status), [
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
      'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
    ]);

    const { object } = await nodes.status!.update(
      scope(""),
      "n2",
      put(nodeDefinition, node("n2", { spec: { unschedulable: false }, status: { ...kubeletStatus, conditions: [{ type: "Ready", status: "False" }] } })),
    );
    assert.equal(object.spec?.unschedulable, true, "/status does not write the spec");
    assert.equal(object.status?.conditions?.[0]?.status, "False");
    const dup = await rejects(
      nodes.status!.update(scope(""), "n2", put(nodeDefinition, node("n2", { status: { addresses: [{ type: "InternalIP", address: "10.0.0.5" }, { type: "InternalIP", address: "10.0.0.5" }] } }))),
      422,
    );
    assert.deepEqual(causes(dup), ['status.addresses[1]: Duplicate value: {"type":"InternalIP","address":"10.0.0.5"}']);
  });

  it("prints STATUS, ROLES and VERSION, and the wide columns, as kubectl shows them", () => {
    const n = decode(nodeDefinition, node("cp", { spec: { unschedulable: true }, status: kubeletStatus }));
    n.metadata.labels = { "node-role.kubernetes.io/control-plane": "", "kubernetes.io/role": "master", "node-role.kubernetes.io/": "x" };
    assert.deepEqual(cells(n), {
      Status: "Ready,SchedulingDisabled",
      Roles: "control-plane,master",
      Version: "v1.32.0",
      "Internal-IP": "10.0.0.5",
      "External-IP": "<none>",
      "OS-Image": "Debian GNU/Linux 12 (bookworm)",
      "Kernel-Version": "6.1.0",
      "Container-Runtime": "containerd://1.7.22",
    });
    const bare = decode(nodeDefinition, node("bare"));
    assert.deepEqual(cells(bare), {
      Status: "Unknown",
      Roles: "<none>",
      Version: "",
      "Internal-IP": "<none>",
      "External-IP": "<none>",
      "OS-Image": "<unknown>",
      "Kernel-Version": "<unknown>",
      "Container-Runtime": "<unknown>",
    });
    const notReady = decode(nodeDefinition, node("nr", { status: { conditions: [{ type: "Ready", status: "Unknown" }] } }));
    assert.equal(cells(notReady).Status, "NotReady");
    assert.deepEqual(
      nodeColumns.map((c) => `${c.name}${c.priority ? "*" : ""}`),
      ["Status", "Roles", "Age", "Version", "Internal-IP*", "External-IP*", "OS-Image*", "Kernel-Version*", "Container-Runtime*"],
    );
  });

  it("selects by spec.unschedulable", () => {
    const n = decode(nodeDefinition, node("s", { spec: { unschedulable: true } }));
    assert.equal(nodeDefinition.selectableFields?.["spec.unschedulable"]?.(n), "true");
    assert.equal(nodeDefinition.selectableFields?.["spec.unschedulable"]?.(decode(nodeDefinition, node("t"))), "false");
    assert.equal(nodeDefinition.namespaced, false);
    assert.deepEqual(nodeDefinition.shortNames, ["no"]);
  });
});
