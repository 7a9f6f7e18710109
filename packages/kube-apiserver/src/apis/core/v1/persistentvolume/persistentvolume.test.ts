import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { causes, decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { persistentVolumeDefinition } from "./definition.js";
import type { PersistentVolume } from "./schema.js";
import { persistentVolumeColumns } from "./table.js";

const pv = (name: string, spec: Record<string, unknown>, more: Record<string, unknown> = {}): unknown => ({
  apiVersion: "v1",
  kind: "PersistentVolume",
  metadata: { name },
  spec,
  ...more,
});
const hostPathPV = (name: string, spec: Record<string, unknown> = {}, more: Record<string, unknown> = {}) =>
  pv(name, { capacity: { storage: "10Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path: "/data/pv" }, ...spec }, more);
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe("core/v1 PersistentVolume", () => {
  let registry: TestCoreRegistry;
  let pvs: ResourceStorage<PersistentVolume>;
  before(() => {
    registry = openTestRegistry();
    pvs = registry.storeFor(persistentVolumeDefinition);
  });
  after(() => registry.close());

  it("gets upstream's defaults and a Pending status on create", async () => {
    const created = await pvs.main.create(scope(""), decode(persistentVolumeDefinition, hostPathPV("pv1", { volumeAttributesClassName: "gold" })));
    assert.deepEqual(created.spec, {
      capacity: { storage: "10Gi" },
      accessModes: ["ReadWriteOnce"],
      hostPath: { path: "/data/pv", type: "" },
      persistentVolumeReclaimPolicy: "Retain",
      volumeMode: "Filesystem",
    });
    assert.equal(created.status?.phase, "Pending");
    assert.match(created.status?.lastPhaseTransitionTime ?? "", TIME);
    assert.equal(created.metadata.generation, undefined);
    const read = await pvs.main.get(scope(""), "pv1");
    assert.deepEqual(read, created);
    const rbd = decode(persistentVolumeDefinition, pv("rbd", { rbd: { monitors: ["10.0.0.1:6789"], image: "img" } }));
    assert.deepEqual(rbd.spec?.rbd, { monitors: ["10.0.0.1:6789"], image: "img", pool: "rbd", user: "admin", keyring: "/etc/ceph/keyring" });
  });

  it("requires access modes, a storage capacity and exactly one source", async () => {
    const status = await rejects(pvs.main.create(scope(""), decode(persistentVolumeDefinition, pv("empty", {}))), 422);
    assert.deepEqual(causes(status), [
      "spec.accessModes: Required value",
      "spec.capacity: Required value",
      "spec.capacity: Unsupported value: {}: supported values: \"storage\"",
      "spec: Required value: must specify a volume type",
    ]);
    const two = await rejects(
      pvs.main.create(
        scope(""),
        decode(
          persistentVolumeDefinition,
          pv("two", {
            capacity: { storage: "0", cpu: "1" },
            accessModes: ["ReadWriteOncePod", "ReadWriteMany", "WriteSometimes"],
            persistentVolumeReclaimPolicy: "Keep",
            hostPath: { path: "/a/../b", type: "Folder" },
            nfs: { server: "nfs.example", path: "/exports" },
            storageClassName: "Fast_Class",
            volumeMode: "Raw",
          }),
        ),
      ),
      422,
    );
    assert.deepEqual(causes(two), [
      'spec.accessModes: Unsupported value: "WriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      "spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes",
      'spec.capacity: Unsupported value: {"storage":"0","cpu":"1"}: supported values: "storage"',
      'spec.capacity[storage]: Invalid value: "0": must be greater than zero',
      'spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"',
      "spec.hostPath.path: Invalid value: \"/a/../b\": must not contain '..'",
      'spec.hostPath.type: Unsupported value: "Folder": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
      "spec.nfs: Forbidden: may not specify more than 1 volume type",
      "spec.storageClassName: Invalid value: \"Fast_Class\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      'spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"',
    ]);
  });

  it("checks the fields each common source needs", async () => {
    const local = await rejects(
      pvs.main.create(scope(""), decode(persistentVolumeDefinition, pv("local", { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], local: { path: "" } }))),
      422,
    );
    assert.deepEqual(causes(local), ["spec.local.path: Required value", "spec.nodeAffinity: Required value: Local volume requires node affinity"]);
    const csi = await rejects(
      pvs.main.create(
        scope(""),
        decode(
          persistentVolumeDefinition,
          pv("csi", {
            capacity: { storage: "1Gi" },
            accessModes: ["ReadWriteOnce"],
            csi: { driver: "EBS.csi.aws.com_", volumeHandle: "", nodeStageSecretRef: { name: "s" } },
            nodeAffinity: { required: { nodeSelectorTerms: [] } },
          }),
        ),
      ),
      422,
    );
    assert.deepEqual(causes(csi), [
      "spec.nodeAffinity.required.nodeSelectorTerms: Required value: must have at least one node selector term",
      "spec.csi.driver: Invalid value: \"EBS.csi.aws.com_\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      "spec.csi.volumeHandle: Required value",
      "spec.csi.nodeStageSecretRef.namespace: Required value",
    ]);
    const nfs = await rejects(
      pvs.main.create(scope(""), decode(persistentVolumeDefinition, pv("nfs", { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteMany"], nfs: { server: "", path: "exports" } }))),
      422,
    );
    assert.deepEqual(causes(nfs), ["spec.nfs.server: Required value", 'spec.nfs.path: Invalid value: "exports": must be an absolute path']);
  });

  it("keeps the source and volumeMode immutable, lets the claim and class change", async () => {
    await pvs.main.create(scope(""), decode(persistentVolumeDefinition, hostPathPV("imm")));
    const { object } = await pvs.main.update(
      scope(""),
      "imm",
      put(persistentVolumeDefinition, hostPathPV("imm", { storageClassName: "manual", claimRef: { namespace: "default", name: "data" } })),
    );
    assert.equal(object.spec?.storageClassName, "manual");
    assert.equal(object.status?.phase, "Pending", "the main resource keeps the status");

    const status = await rejects(
      pvs.main.update(scope(""), "imm", put(persistentVolumeDefinition, hostPathPV("imm", { hostPath: { path: "/other" }, volumeMode: "Block" }))),
      422,
    );
    const messages = causes(status);
    assert.equal(messages.length, 2);
    assert.match(messages[0] ?? "", /^spec\.persistentvolumesource: Forbidden: spec\.persistentvolumesource is immutable after creation\n {2}spec\.hostPath: /);
    assert.equal(messages[1], 'volumeMode: Invalid value: "Block": field is immutable');
  });

  it("moves lastPhaseTransitionTime when /status changes the phase, and keeps the spec", async () => {
    const created = await pvs.main.create(scope(""), decode(persistentVolumeDefinition, hostPathPV("st")));
    const given = "2020-01-01T00:00:00Z";
    const { object: same } = await pvs.status!.update(scope(""), "st", put(persistentVolumeDefinition, hostPathPV("st", {}, { status: { phase: "Pending", message: "waiting" } })));
    assert.equal(same.status?.lastPhaseTransitionTime, created.status?.lastPhaseTransitionTime);
    const { object: bound } = await pvs.status!.update(
      scope(""),
      "st",
      put(persistentVolumeDefinition, hostPathPV("st", { storageClassName: "ignored" }, { status: { phase: "Available", lastPhaseTransitionTime: given } })),
    );
    assert.equal(bound.status?.phase, "Available");
    assert.equal(bound.status?.lastPhaseTransitionTime, given, "a time the writer set itself is kept");
    assert.equal(bound.spec?.storageClassName, undefined, "/status does not write the spec");
    const { object: released } = await pvs.status!.update(scope(""), "st", put(persistentVolumeDefinition, hostPathPV("st", {}, { status: { phase: "Released" } })));
    assert.match(released.status?.lastPhaseTransitionTime ?? "", TIME);
    assert.notEqual(released.status?.lastPhaseTransitionTime, given);
  });

  it("prints the columns kubectl shows", () => {
    const v = decode(
      persistentVolumeDefinition,
      hostPathPV("t", { accessModes: ["ReadWriteMany", "ReadWriteOnce", "ReadWriteOnce"], claimRef: { namespace: "default", name: "data" }, storageClassName: "manual" }, { status: { phase: "Bound" } }),
    );
    const cells = Object.fromEntries(persistentVolumeColumns.filter((c) => c.name !== "Age").map((c) => [c.name, c.cell(v)]));
    assert.deepEqual(cells, {
      Capacity: "10Gi",
      "Access Modes": "RWO,RWX",
      "Reclaim Policy": "Retain",
      Status: "Bound",
      Claim: "default/data",
      StorageClass: "manual",
      VolumeAttributesClass: "<unset>",
      Reason: "",
      VolumeMode: "Filesystem",
    });
    v.metadata.deletionTimestamp = "2024-01-01T00:00:00Z";
    v.metadata.annotations = { "volume.beta.kubernetes.io/storage-class": "beta" };
    assert.equal(persistentVolumeColumns.find((c) => c.name === "Status")?.cell(v), "Terminating");
    assert.equal(persistentVolumeColumns.find((c) => c.name === "StorageClass")?.cell(v), "beta");
    assert.deepEqual(
      persistentVolumeColumns.map((c) => `${c.name}${c.priority ? "*" : ""}`),
      ["Capacity", "Access Modes", "Reclaim Policy", "Status", "Claim", "StorageClass", "VolumeAttributesClass", "Reason", "Age", "VolumeMode*"],
    );
  });
});
