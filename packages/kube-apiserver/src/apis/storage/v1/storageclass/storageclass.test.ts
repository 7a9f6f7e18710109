import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { causes, decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { storageClassDefinition } from "./definition.js";
import type { StorageClass } from "./schema.js";
import { storageClassColumns } from "./table.js";

const sc = (name: string, more: Record<string, unknown>, annotations?: Record<string, string>): unknown => ({
  apiVersion: "storage.k8s.io/v1",
  kind: "StorageClass",
  metadata: { name, ...(annotations ? { annotations } : {}) },
  ...more,
});

describe("storage.k8s.io/v1 StorageClass", () => {
  let registry: TestCoreRegistry;
  let classes: ResourceStorage<StorageClass>;
  before(() => {
    registry = openTestRegistry();
    classes = registry.storeFor(storageClassDefinition);
  });
  after(() => registry.close());

  it("defaults reclaimPolicy and volumeBindingMode, and has no generation", async () => {
    const created = await classes.main.create(scope(""), decode(storageClassDefinition, sc("standard", { provisioner: "example.com/disk", parameters: { type: "ssd" } })));
    assert.deepEqual([created.reclaimPolicy, created.volumeBindingMode], ["Delete", "Immediate"]);
    assert.equal(created.metadata.generation, undefined);
    assert.equal(created.metadata.namespace, undefined);
  });

  it("requires a provisioner and checks policies, parameters and topologies", async () => {
    const body = sc("bad", {
      parameters: { "": "x" },
      reclaimPolicy: "Recycle",
      volumeBindingMode: "Later",
      allowedTopologies: [
        { matchLabelExpressions: [{ key: "topology.kubernetes.io/zone", values: ["a", "a"] }, { key: "topology.kubernetes.io/zone", values: [] }] },
        { matchLabelExpressions: [{ key: "bad key", values: ["x"] }] },
        { matchLabelExpressions: [{ key: "bad key", values: ["x"] }] },
      ],
    });
    const status = await rejects(classes.main.create(scope(""), decode(storageClassDefinition, body)), 422);
    assert.equal(status.details?.kind, "StorageClass");
    assert.deepEqual(
      causes(status).map((c) => c.replace(/ \(e\.g\..*$/, "")),
      [
        "provisioner: Required value",
        'parameters: Invalid value: "": field can not be empty.',
        'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"',
        'volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"',
        'allowedTopologies[0].matchLabelExpressions[0].values[1]: Duplicate value: "a"',
        "allowedTopologies[0].matchLabelExpressions[1].values: Required value",
        'allowedTopologies[0].matchLabelExpressions[1].key: Duplicate value: "topology.kubernetes.io/zone"',
        `allowedTopologies[1].matchLabelExpressions[0].key: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
        `allowedTopologies[2].matchLabelExpressions[0].key: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
        'allowedTopologies[2].matchLabelExpressions: Duplicate value: ""',
      ],
    );
    const badName = await rejects(classes.main.create(scope(""), decode(storageClassDefinition, sc("p", { provisioner: "Example.com/Disk Driver" }))), 422);
    assert.match(causes(badName)[0] ?? "", /^provisioner: Invalid value: "example.com\/disk driver": name part must consist of/);
  });

  it("keeps provisioner, parameters, reclaimPolicy and volumeBindingMode", async () => {
    await classes.main.create(scope(""), decode(storageClassDefinition, sc("fixed", { provisioner: "example.com/disk", parameters: { type: "ssd" } })));
    const status = await rejects(
      classes.main.update(
        scope(""),
        "fixed",
        put(storageClassDefinition, sc("fixed", { provisioner: "example.com/other", parameters: { type: "hdd" }, reclaimPolicy: "Retain", volumeBindingMode: "WaitForFirstConsumer" })),
      ),
      422,
    );
    assert.deepEqual(causes(status), [
      "parameters: Forbidden: updates to parameters are forbidden.",
      "provisioner: Forbidden: updates to provisioner are forbidden.",
      "reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.",
      'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable',
    ]);
    const { object } = await classes.main.update(
      scope(""),
      "fixed",
      put(storageClassDefinition, sc("fixed", { provisioner: "example.com/disk", parameters: { type: "ssd" }, allowVolumeExpansion: true, mountOptions: ["ro"] })),
    );
    assert.deepEqual([object.allowVolumeExpansion, object.mountOptions], [true, ["ro"]]);
  });

  it("prints the columns, with (default) after the default class's name", () => {
    const row = (body: unknown) => storageClassColumns.map((c) => c.cell(decode(storageClassDefinition, body)));
    assert.deepEqual(row(sc("fast", { provisioner: "example.com/disk" }, { "storageclass.kubernetes.io/is-default-class": "true" })), [
      "fast (default)",
      "example.com/disk",
      "Delete",
      "Immediate",
      false,
    ]);
    assert.deepEqual(row(sc("old", { provisioner: "p", reclaimPolicy: "Retain", volumeBindingMode: "WaitForFirstConsumer", allowVolumeExpansion: true }, { "storageclass.beta.kubernetes.io/is-default-class": "true" })), [
      "old (default)",
      "p",
      "Retain",
      "WaitForFirstConsumer",
      true,
    ]);
    assert.equal(row(sc("not", { provisioner: "p" }, { "storageclass.kubernetes.io/is-default-class": "false" }))[0], "not");
    assert.deepEqual(
      storageClassColumns.map((c) => c.name),
      ["Name", "Provisioner", "ReclaimPolicy", "VolumeBindingMode", "AllowVolumeExpansion"],
    );
  });

  it("keeps every field through decoding", () => {
    const full = {
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: "full" },
      provisioner: "example.com/disk",
      parameters: { type: "ssd" },
      reclaimPolicy: "Retain",
      mountOptions: ["ro", "soft"],
      allowVolumeExpansion: true,
      volumeBindingMode: "WaitForFirstConsumer",
      allowedTopologies: [{ matchLabelExpressions: [{ key: "topology.kubernetes.io/zone", values: ["a", "b"] }] }],
    };
    assert.deepEqual(decode(storageClassDefinition, structuredClone(full)), full);
  });
});
