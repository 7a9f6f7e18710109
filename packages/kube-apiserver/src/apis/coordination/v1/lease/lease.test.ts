import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { leaseDefinition } from "./definition.js";
import { type Lease, LeaseSchema } from "./schema.js";

const lease = (name: string, spec: Record<string, unknown>): Record<string, unknown> => ({ apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name }, spec });
const causes = (status: { details?: { causes?: { field?: string; message?: string }[] } }) =>
  (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);

describe("coordination.k8s.io/v1 Lease", () => {
  let registry: TestCoreRegistry;
  let leases: ResourceStorage<Lease>;
  before(() => {
    registry = openTestRegistry();
    leases = registry.storeFor(leaseDefinition);
  });
  after(() => registry.close());

  it("stores MicroTime fields with six digits in UTC and has no generation", async () => {
    const created = await leases.main.create(
      scope("kube-node-lease"),
      decode(leaseDefinition, lease("node-1", { holderIdentity: "node-1", leaseDurationSeconds: 40, renewTime: "2024-01-02T05:04:05.123456+02:00", acquireTime: "2024-01-02T03:00:00.000000Z" })),
    );
    assert.deepEqual(created.spec, { holderIdentity: "node-1", leaseDurationSeconds: 40, renewTime: "2024-01-02T03:04:05.123456Z", acquireTime: "2024-01-02T03:00:00.000000Z" });
    assert.equal(created.metadata.generation, undefined);
    assert.equal(created.metadata.namespace, "kube-node-lease");
  });

  it("refuses a MicroTime without microseconds as upstream's decoder does", () => {
    const result = LeaseSchema.safeParse(lease("x", { renewTime: "2024-01-02T03:04:05Z" }));
    assert.equal(result.success, false);
    assert.equal(result.error?.issues[0]?.message, 'parsing time "2024-01-02T03:04:05Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"');
    assert.deepEqual(result.error?.issues[0]?.path, ["spec", "renewTime"]);
  });

  it("validates durations and transitions, and drops the alpha coordinated-election fields", async () => {
    const status = await rejects(leases.main.create(scope("default"), decode(leaseDefinition, lease("bad", { leaseDurationSeconds: 0, leaseTransitions: -1 }))), 422);
    assert.deepEqual(causes(status), ["spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0", "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0"]);
    const created = await leases.main.create(scope("default"), decode(leaseDefinition, lease("le", { holderIdentity: "a", strategy: "OldestEmulationVersion", preferredHolder: "b" })));
    assert.deepEqual(created.spec, { holderIdentity: "a" });
    const { object } = await leases.main.update(scope("default"), "le", put(leaseDefinition, { ...created, spec: { holderIdentity: "b", leaseTransitions: 1, preferredHolder: "c" } }));
    assert.deepEqual(object.spec, { holderIdentity: "b", leaseTransitions: 1 });
    assert.equal(object.metadata.generation, undefined);
  });

  it("prints HOLDER", () => {
    const holder = leaseDefinition.tableColumns![0]!;
    assert.equal(holder.name, "Holder");
    assert.equal(holder.cell(LeaseSchema.parse(lease("x", { holderIdentity: "me" }))), "me");
    assert.equal(holder.cell(LeaseSchema.parse(lease("x", {}))), "");
  });
});
