import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import { ensureSystemPriorityClasses } from "../../../../bootstrap/system-priority-classes.js";
import { decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { priorityClassDefinition } from "./definition.js";
import { type PriorityClass, PriorityClassSchema } from "./schema.js";

const pc = (name: string, more: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: "scheduling.k8s.io/v1",
  kind: "PriorityClass",
  metadata: { name },
  value: 1000,
  ...more,
});
const causes = (status: { details?: { causes?: { field?: string; message?: string }[] } }) =>
  (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);

describe("scheduling.k8s.io/v1 PriorityClass", () => {
  let registry: TestCoreRegistry;
  let classes: ResourceStorage<PriorityClass>;
  before(() => {
    registry = openTestRegistry();
    classes = registry.storeFor(priorityClassDefinition);
  });
  after(() => registry.close());

  it("is cluster-scoped, defaults preemptionPolicy and has generation 1", async () => {
    const created = await classes.main.create(scope(""), decode(priorityClassDefinition, pc("high", { description: "important" })));
    assert.equal(created.metadata.namespace, undefined);
    assert.equal(created.preemptionPolicy, "PreemptLowerPriority");
    assert.equal(created.value, 1000);
    assert.equal(created.metadata.generation, 1);
    // A missing value is 0, and written out.
    assert.equal(decode(priorityClassDefinition, pc("zero", { value: undefined })).value, 0);
  });

  it("enforces the value range and the system- prefix rules with upstream's messages", async () => {
    assert.deepEqual(causes(await rejects(classes.main.create(scope(""), decode(priorityClassDefinition, pc("huge", { value: 1_000_000_001 }))), 422)), [
      "value: Forbidden: maximum allowed value of a user defined priority is 1000000000",
    ]);
    assert.deepEqual(causes(await rejects(classes.main.create(scope(""), decode(priorityClassDefinition, pc("system-mine"))), 422)), [
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
    ]);
    assert.deepEqual(causes(await rejects(classes.main.create(scope(""), decode(priorityClassDefinition, pc("system-node-critical", { value: 5 }))), 422)), [
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000",
    ]);
    assert.deepEqual(
      causes(await rejects(classes.main.create(scope(""), decode(priorityClassDefinition, pc("system-cluster-critical", { value: 2_000_000_000, globalDefault: true }))), 422)),
      ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: globalDefault of system-cluster-critical PriorityClass must be false"],
    );
    assert.deepEqual(causes(await rejects(classes.main.create(scope(""), decode(priorityClassDefinition, pc("odd", { preemptionPolicy: "Sometimes" }))), 422)), [
      'preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"',
    ]);
    // Beyond int32 the body does not decode.
    assert.equal(PriorityClassSchema.safeParse(pc("big", { value: 3_000_000_000 })).success, false);
  });

  it("keeps value and preemptionPolicy immutable; description and globalDefault may change, generation stays 1", async () => {
    const created = await classes.main.create(scope(""), decode(priorityClassDefinition, pc("mutable", { preemptionPolicy: "Never" })));
    const status = await rejects(classes.main.update(scope(""), "mutable", put(priorityClassDefinition, { ...created, value: 2000, preemptionPolicy: "PreemptLowerPriority" })), 422);
    assert.deepEqual(causes(status), ["value: Forbidden: may not be changed in an update.", 'preemptionPolicy: Invalid value: "PreemptLowerPriority": field is immutable']);
    const { object } = await classes.main.update(scope(""), "mutable", put(priorityClassDefinition, { ...created, description: "now described", globalDefault: true }));
    assert.equal(object.description, "now described");
    assert.equal(object.metadata.generation, 1);
  });

  it("bootstraps the two system priority classes once", async () => {
    assert.deepEqual(await ensureSystemPriorityClasses(classes.main), ["system-node-critical", "system-cluster-critical"]);
    assert.deepEqual(await ensureSystemPriorityClasses(classes.main), []);
    const node = await classes.main.get(scope(""), "system-node-critical");
    assert.deepEqual(
      { value: node.value, globalDefault: node.globalDefault, preemptionPolicy: node.preemptionPolicy, description: node.description },
      { value: 2000001000, globalDefault: undefined, preemptionPolicy: "PreemptLowerPriority", description: "Used for system critical pods that must not be moved from their current node." },
    );
    assert.equal((await classes.main.get(scope(""), "system-cluster-critical")).value, 2000000000);
  });

  it("prints VALUE, GLOBAL-DEFAULT, AGE and PREEMPTIONPOLICY, in upstream's order", () => {
    const c = PriorityClassSchema.parse({ ...pc("x"), globalDefault: true, preemptionPolicy: "Never" });
    assert.deepEqual(priorityClassDefinition.tableColumns!.map((col) => col.name), ["Value", "Global-Default", "Age", "PreemptionPolicy"]);
    const cells = priorityClassDefinition.tableColumns!.map((col) => col.cell(c));
    assert.deepEqual([cells[0], cells[1], cells[3]], [1000, true, "Never"]);
  });
});
