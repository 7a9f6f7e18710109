import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ResourceStorage, applyStrategicMergePatch } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { serviceAccountDefinition } from "./definition.js";
import type { ServiceAccount } from "./schema.js";
import { serviceAccountColumns } from "./table.js";

const sa = (name: string, more: Record<string, unknown> = {}): unknown => ({
  apiVersion: "v1",
  kind: "ServiceAccount",
  metadata: { name, namespace: "default" },
  ...more,
});

describe("core/v1 ServiceAccount", () => {
  let registry: TestCoreRegistry;
  let accounts: ResourceStorage<ServiceAccount>;
  before(() => {
    registry = openTestRegistry();
    accounts = registry.storeFor(serviceAccountDefinition);
  });
  after(() => registry.close());

  it("stores a minimal account as upstream shows it", async () => {
    const created = await accounts.main.create(scope("default"), decode(serviceAccountDefinition, sa("builder")));
    assert.deepEqual(Object.keys(created).sort(), ["apiVersion", "kind", "metadata"]);
    assert.equal(created.metadata.generation, undefined);
  });

  it("keeps only the name of secret references", async () => {
    const created = await accounts.main.create(
      scope("default"),
      decode(serviceAccountDefinition, sa("refs", { secrets: [{ name: "tok", kind: "Secret", namespace: "default", uid: "u" }] })),
    );
    assert.deepEqual(created.secrets, [{ name: "tok" }]);
  });

  it("rejects a name that is not a DNS subdomain", async () => {
    await rejects(accounts.main.create(scope("default"), decode(serviceAccountDefinition, sa("Not_Valid"))), 422);
  });

  it("has the short name sa and answers a delete with the object", () => {
    assert.deepEqual(serviceAccountDefinition.shortNames, ["sa"]);
    assert.equal(serviceAccountDefinition.deleteReturnsObject, true);
  });

  it("prints the number of secrets", () => {
    assert.deepEqual(serviceAccountColumns.map((c) => c.name), ["Secrets"]);
    assert.equal(serviceAccountColumns[0]?.cell({ metadata: {}, secrets: [{ name: "a" }, { name: "b" }] }), 2);
    assert.equal(serviceAccountColumns[0]?.cell({ metadata: {} }), 0);
  });

  it("merges secrets by name and replaces imagePullSecrets in a strategic merge patch", () => {
    const current = decode(serviceAccountDefinition, sa("p", { secrets: [{ name: "a" }, { name: "b" }], imagePullSecrets: [{ name: "x" }] }));
    const patched = applyStrategicMergePatch(
      current,
      { secrets: [{ name: "c" }, { name: "a", $patch: "delete" }], imagePullSecrets: [{ name: "y" }] },
      serviceAccountDefinition.schema,
    ) as ServiceAccount;
    assert.deepEqual((patched.secrets ?? []).map((s) => s.name).sort(), ["b", "c"]);
    assert.deepEqual(patched.imagePullSecrets, [{ name: "y" }]);
  });

  it("keeps every field through decoding", () => {
    const full = {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "full", namespace: "default" },
      secrets: [{ kind: "Secret", namespace: "default", name: "s", uid: "u", apiVersion: "v1", resourceVersion: "1", fieldPath: "data" }],
      imagePullSecrets: [{ name: "pull" }],
      automountServiceAccountToken: false,
    };
    assert.deepEqual(decode(serviceAccountDefinition, structuredClone(full)), full);
  });
});
