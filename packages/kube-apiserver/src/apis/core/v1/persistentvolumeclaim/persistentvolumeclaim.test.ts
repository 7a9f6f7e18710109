import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { causes, decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { persistentVolumeClaimDefinition } from "./definition.js";
import type { PersistentVolumeClaim } from "./schema.js";
import { persistentVolumeClaimColumns } from "./table.js";

const pvc = (name: string, spec: Record<string, unknown> = {}, more: Record<string, unknown> = {}): unknown => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name, namespace: "default" },
  spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, ...spec },
  ...more,
});
const ns = scope("default");

describe("core/v1 PersistentVolumeClaim", () => {
  let registry: TestCoreRegistry;
  let claims: ResourceStorage<PersistentVolumeClaim>;
  before(() => {
    registry = openTestRegistry();
    claims = registry.storeFor(persistentVolumeClaimDefinition);
  });
  after(() => registry.close());

  /** Creates a claim and marks it bound to `volume` through /status, as the binder does. */
  async function boundClaim(name: string, storage = "1Gi", capacity = storage): Promise<void> {
    await claims.main.create(ns, decode(persistentVolumeClaimDefinition, pvc(name, { resources: { requests: { storage } } })));
    await claims.main.update(ns, name, put(persistentVolumeClaimDefinition, pvc(name, { resources: { requests: { storage } }, volumeName: `pv-${name}` })));
    await claims.status!.update(
      ns,
      name,
      put(persistentVolumeClaimDefinition, pvc(name, {}, { status: { phase: "Bound", accessModes: ["ReadWriteOnce"], capacity: { storage: capacity } } })),
    );
  }

  it("gets volumeMode Filesystem and phase Pending on create, and fills dataSourceRef from dataSource", async () => {
    const created = await claims.main.create(
      ns,
      decode(persistentVolumeClaimDefinition, pvc("data", { dataSource: { kind: "PersistentVolumeClaim", name: "src" }, volumeAttributesClassName: "gold" }, { status: { phase: "Bound" } })),
    );
    assert.deepEqual(created.spec, {
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: "1Gi" } },
      volumeMode: "Filesystem",
      dataSource: { kind: "PersistentVolumeClaim", name: "src" },
      dataSourceRef: { kind: "PersistentVolumeClaim", name: "src" },
    });
    assert.deepEqual(created.status, { phase: "Pending" });
    assert.equal(created.metadata.generation, undefined);
    const other = await claims.main.create(
      ns,
      decode(persistentVolumeClaimDefinition, pvc("populated", { dataSource: { apiGroup: "example.com", kind: "Populator", name: "p" } })),
    );
    assert.equal(other.spec?.dataSource, undefined, "dataSource takes only claims and snapshots");
  });

  it("rejects a claim without access modes or a storage request with upstream's paths", async () => {
    const status = await rejects(
      claims.main.create(ns, decode(persistentVolumeClaimDefinition, pvc("bad", { accessModes: [], resources: {}, selector: { matchLabels: { "bad key": "x" } } }))),
      422,
    );
    assert.deepEqual(causes(status), [
      "spec.accessModes: Required value: at least 1 access mode is required",
      "spec.selector.matchLabels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      "spec.resources[storage]: Required value",
    ]);
    const zero = await rejects(
      claims.main.create(ns, decode(persistentVolumeClaimDefinition, pvc("zero", { resources: { requests: { storage: "0" } }, dataSourceRef: { kind: "Snapshot", name: "" } }))),
      422,
    );
    assert.deepEqual(causes(zero), [
      'spec.resources[storage]: Invalid value: "0": must be greater than zero',
      "spec.dataSource.name: Required value",
      "spec.dataSource: Invalid value: \"Snapshot\": must be 'PersistentVolumeClaim' when referencing the default apiGroup",
      "spec.dataSourceRef.name: Required value",
      "spec.dataSourceRef: Invalid value: \"Snapshot\": must be 'PersistentVolumeClaim' when referencing the default apiGroup",
    ]);
  });

  it("keeps the spec immutable, except volumeName once and storageClassName from unset", async () => {
    await claims.main.create(ns, decode(persistentVolumeClaimDefinition, pvc("imm")));
    const { object } = await claims.main.update(ns, "imm", put(persistentVolumeClaimDefinition, pvc("imm", { volumeName: "pv-1", storageClassName: "standard" })));
    assert.equal(object.spec?.volumeName, "pv-1");
    assert.equal(object.spec?.storageClassName, "standard");
    assert.equal(object.status?.phase, "Pending");

    const status = await rejects(
      claims.main.update(
        ns,
        "imm",
        put(persistentVolumeClaimDefinition, pvc("imm", { volumeName: "pv-2", storageClassName: "standard", accessModes: ["ReadWriteMany"], volumeMode: "Block" })),
      ),
      422,
    );
    const messages = causes(status);
    assert.equal(messages.length, 2);
    assert.ok(
      messages[0]?.startsWith("spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n"),
      messages[0],
    );
    assert.match(messages[0] ?? "", /spec\.accessModes: \["ReadWriteOnce"\] -> \["ReadWriteMany"\]/);
    assert.equal(messages[1], 'volumeMode: Invalid value: "Block": field is immutable');

    const unbound = await rejects(claims.main.update(ns, "imm", put(persistentVolumeClaimDefinition, pvc("imm", { volumeName: "pv-1", storageClassName: "standard", resources: { requests: { storage: "2Gi" } } }))), 422);
    assert.match(causes(unbound)[0] ?? "", /^spec: Forbidden: spec is immutable/, "an unbound claim cannot resize");
  });

  it("lets a bound claim grow, or shrink to above its capacity, but not to or below it", async () => {
    await boundClaim("grow", "2Gi", "1Gi");
    const grown = await claims.main.update(ns, "grow", put(persistentVolumeClaimDefinition, pvc("grow", { volumeName: "pv-grow", resources: { requests: { storage: "5Gi" } } })));
    assert.equal(grown.object.spec?.resources?.requests?.storage, "5Gi");
    const shrunk = await claims.main.update(ns, "grow", put(persistentVolumeClaimDefinition, pvc("grow", { volumeName: "pv-grow", resources: { requests: { storage: "1536Mi" } } })));
    assert.equal(shrunk.object.spec?.resources?.requests?.storage, "1536Mi");
    const status = await rejects(
      claims.main.update(ns, "grow", put(persistentVolumeClaimDefinition, pvc("grow", { volumeName: "pv-grow", resources: { requests: { storage: "1024Mi" } } }))),
      422,
    );
    assert.deepEqual(causes(status), ["spec.resources.requests.storage: Forbidden: field can not be less than status.capacity"]);
  });

  it("keeps the beta storage-class annotation immutable", async () => {
    await claims.main.create(ns, decode(persistentVolumeClaimDefinition, { ...(pvc("anno") as object), metadata: { name: "anno", annotations: { "volume.beta.kubernetes.io/storage-class": "fast" } } }));
    const moved = await claims.main.update(
      ns,
      "anno",
      put(persistentVolumeClaimDefinition, { ...(pvc("anno", { storageClassName: "fast" }) as object), metadata: { name: "anno", annotations: { "volume.beta.kubernetes.io/storage-class": "fast" } } }),
    );
    assert.equal(moved.object.spec?.storageClassName, "fast", "the annotation's class may move into the spec");
    const status = await rejects(
      claims.main.update(
        ns,
        "anno",
        put(persistentVolumeClaimDefinition, { ...(pvc("anno", { storageClassName: "fast" }) as object), metadata: { name: "anno", annotations: { "volume.beta.kubernetes.io/storage-class": "slow" } } }),
      ),
      422,
    );
    assert.deepEqual(causes(status), ['metadata.annotations.volume.beta.kubernetes.io/storage-class: Invalid value: "slow": field is immutable']);
  });

  it("checks status writes and keeps the spec", async () => {
    await claims.main.create(ns, decode(persistentVolumeClaimDefinition, pvc("st")));
    const bad = await rejects(
      claims.status!.update(ns, "st", put(persistentVolumeClaimDefinition, pvc("st", {}, { status: { capacity: { storage: "-1" }, allocatedResourceStatuses: { storage: "Shrinking" } } }))),
      422,
    );
    assert.deepEqual(causes(bad), [
      "status.capacity[storage]: Invalid value: -1: must be a valid resource quantity",
      'status.allocatedResourceStatus: Unsupported value: "storage": supported values: "ControllerResizeFailed", "ControllerResizeInProgress", "NodeResizeFailed", "NodeResizeInProgress", "NodeResizePending"',
    ]);
    const { object } = await claims.status!.update(
      ns,
      "st",
      put(persistentVolumeClaimDefinition, pvc("st", { volumeName: "ignored" }, { status: { phase: "Lost", conditions: [{ type: "Resizing", status: "True" }] } })),
    );
    assert.equal(object.status?.phase, "Lost");
    assert.equal(object.spec?.volumeName, undefined);
  });

  it("prints capacity and access modes only once bound", async () => {
    await boundClaim("print", "3Gi", "3Gi");
    const bound = await claims.main.get(ns, "print");
    const cells = (c: PersistentVolumeClaim) => Object.fromEntries(persistentVolumeClaimColumns.filter((col) => col.name !== "Age").map((col) => [col.name, col.cell(c)]));
    assert.deepEqual(cells(bound), {
      Status: "Bound",
      Volume: "pv-print",
      Capacity: "3Gi",
      "Access Modes": "RWO",
      StorageClass: "",
      VolumeAttributesClass: "<unset>",
      VolumeMode: "Filesystem",
    });
    const pending = decode(persistentVolumeClaimDefinition, pvc("p", { storageClassName: "standard" }));
    assert.deepEqual(cells(pending), {
      Status: "Pending",
      Volume: "",
      Capacity: "",
      "Access Modes": "",
      StorageClass: "standard",
      VolumeAttributesClass: "<unset>",
      VolumeMode: "Filesystem",
    });
    assert.deepEqual(
      persistentVolumeClaimColumns.map((c) => `${c.name}${c.priority ? "*" : ""}`),
      ["Status", "Volume", "Capacity", "Access Modes", "StorageClass", "VolumeAttributesClass", "Age", "VolumeMode*"],
    );
  });
});
