import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { controllerRevisionDefinition } from "./definition.js";
import { type ControllerRevision, ControllerRevisionSchema } from "./schema.js";

const revision = (name: string, more: Record<string, unknown>): unknown => ({ apiVersion: "apps/v1", kind: "ControllerRevision", metadata: { name }, ...more });
const data = { spec: { template: { $patch: "replace", spec: { containers: [{ name: "a", image: "a:1" }] } } } };
const causes = (status: { details?: { causes?: { field?: string; message?: string }[] } }) =>
  (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);

describe("apps/v1 ControllerRevision", () => {
  let registry: TestCoreRegistry;
  let revisions: ResourceStorage<ControllerRevision>;
  before(() => {
    registry = openTestRegistry();
    revisions = registry.storeFor(controllerRevisionDefinition);
  });
  after(() => registry.close());
  const create = (body: unknown) => revisions.main.create(scope("default"), decode(controllerRevisionDefinition, body));

  it("stores data as given, writes revision 0 when absent, and has no generation", async () => {
    const created = await create(revision("web-abc", { data }));
    assert.deepEqual(created.data, data);
    assert.equal(created.revision, 0);
    assert.equal(created.metadata.generation, undefined);
    const numbered = await create(revision("web-def", { data: "any JSON value", revision: 3 }));
    assert.equal(numbered.data, "any JSON value");
  });

  it("requires data and a non-negative revision", async () => {
    const status = await rejects(create(revision("bad", { revision: -1 })), 422);
    assert.deepEqual(causes(status), ["data: Required value: data is mandatory", "revision: Invalid value: -1: must be greater than or equal to 0"]);
    assert.equal(status.message, 'ControllerRevision.apps "bad" is invalid: [data: Required value: data is mandatory, revision: Invalid value: -1: must be greater than or equal to 0]');
  });

  it("keeps data immutable; labels and revision may change", async () => {
    await create(revision("imm", { data, revision: 1 }));
    const { object } = await revisions.main.update(scope("default"), "imm", put(controllerRevisionDefinition, { ...(revision("imm", { data, revision: 2 }) as object), metadata: { name: "imm", labels: { a: "b" } } }));
    assert.equal(object.revision, 2);
    assert.equal(object.metadata.generation, undefined);
    const status = await rejects(revisions.main.update(scope("default"), "imm", put(controllerRevisionDefinition, revision("imm", { data: { spec: {} }, revision: 2 }))), 422);
    assert.deepEqual(causes(status), ['data: Invalid value: {"spec":{}}: field is immutable']);
  });

  it("prints CONTROLLER and REVISION", () => {
    const cell = (name: string, cr: ControllerRevision) => controllerRevisionDefinition.tableColumns!.find((c) => c.name === name)!.cell(cr);
    const owned = ControllerRevisionSchema.parse({
      metadata: {
        name: "web-abc",
        ownerReferences: [
          { apiVersion: "v1", kind: "Pod", name: "other", uid: "1" },
          { apiVersion: "apps/v1", kind: "StatefulSet", name: "web", uid: "2", controller: true },
        ],
      },
      data: {},
      revision: 4,
    });
    assert.equal(cell("Controller", owned), "statefulset.apps/web");
    assert.equal(cell("Revision", owned), 4);
    const orphan = ControllerRevisionSchema.parse({ metadata: { name: "x" }, data: {} });
    assert.equal(cell("Controller", orphan), "<none>");
    assert.deepEqual(controllerRevisionDefinition.tableColumns!.map((c) => c.name), ["Controller", "Revision", "Age"]);
  });
});
