import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { namespaceDefinition } from "./definition.js";
import type { Namespace } from "./schema.js";

const ns = (name: string, more: Partial<Namespace> = {}): unknown => ({ apiVersion: "v1", kind: "Namespace", metadata: { name }, ...more });

describe("core/v1 Namespace", () => {
  let registry: TestCoreRegistry;
  let namespaces: ResourceStorage<Namespace>;
  before(() => {
    registry = openTestRegistry();
    namespaces = registry.storeFor(namespaceDefinition);
  });
  after(() => registry.close());

  it("gets upstream's defaults on create", async () => {
    const created = await namespaces.main.create(scope(""), decode(namespaceDefinition, ns("team-a", { status: { phase: "Terminating" } })));
    assert.deepEqual(created.spec, { finalizers: ["kubernetes"] });
    assert.deepEqual(created.status, { phase: "Active" });
    assert.deepEqual(created.metadata.labels, { "kubernetes.io/metadata.name": "team-a" });
    assert.equal(created.metadata.generation, undefined);
  });

  it("adds the kubernetes finalizer after the client's, and labels generated names", async () => {
    const created = await namespaces.main.create(
      scope(""),
      decode(namespaceDefinition, { apiVersion: "v1", kind: "Namespace", metadata: { generateName: "gen-" }, spec: { finalizers: ["example.com/cleanup"] } }),
    );
    const name = created.metadata.name ?? "";
    assert.match(name, /^gen-[a-z0-9]{5}$/);
    assert.deepEqual(created.spec?.finalizers, ["example.com/cleanup", "kubernetes"]);
    assert.equal(created.metadata.labels?.["kubernetes.io/metadata.name"], name);
  });

  it("rejects names that are not DNS labels and unqualified custom finalizers", async () => {
    await rejects(namespaces.main.create(scope(""), decode(namespaceDefinition, ns("a.b"))), 422);
    const status = await rejects(namespaces.main.create(scope(""), decode(namespaceDefinition, ns("fin", { spec: { finalizers: ["custom"] } }))), 422);
    assert.deepEqual(
      (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`),
      ['spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified'],
    );
  });

  it("keeps spec.finalizers and status on an update of the main resource, and restores the name label", async () => {
    await namespaces.main.create(scope(""), decode(namespaceDefinition, ns("keep")));
    const { object } = await namespaces.main.update(
      scope(""),
      "keep",
      put(namespaceDefinition, { ...(ns("keep", { spec: { finalizers: [] }, status: { phase: "Terminating" } }) as object), metadata: { name: "keep", labels: { "kubernetes.io/metadata.name": "other", team: "x" } } }),
    );
    assert.deepEqual(object.spec, { finalizers: ["kubernetes"] });
    assert.deepEqual(object.status, { phase: "Active" });
    assert.deepEqual(object.metadata.labels, { "kubernetes.io/metadata.name": "keep", team: "x" });
  });

  it("lets /status set only the phase that matches the object", async () => {
    await namespaces.main.create(scope(""), decode(namespaceDefinition, ns("phase")));
    const status = await rejects(namespaces.status!.update(scope(""), "phase", put(namespaceDefinition, ns("phase", { status: { phase: "Terminating" } }))), 422);
    assert.deepEqual(
      (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`),
      ['status.Phase: Invalid value: "Terminating": may only be \'Active\' if `deletionTimestamp` is empty'],
    );
    const conditions = [{ type: "NamespaceContentRemaining", status: "False" }];
    const { object } = await namespaces.status!.update(scope(""), "phase", put(namespaceDefinition, ns("phase", { status: { phase: "Active", conditions } })));
    assert.deepEqual(object.status?.conditions, [{ type: "NamespaceContentRemaining", status: "False" }]);
  });

  it("selects by status.phase and prints the phase", () => {
    const active = { metadata: { name: "x" }, status: { phase: "Active" } };
    assert.equal(namespaceDefinition.selectableFields?.["status.phase"]?.(active), "Active");
    assert.equal(namespaceDefinition.tableColumns?.[0]?.cell(active), "Active");
  });
});
