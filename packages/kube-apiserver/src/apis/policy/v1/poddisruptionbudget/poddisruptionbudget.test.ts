import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ResourceStorage, applyStrategicMergePatch } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { podDisruptionBudgetDefinition } from "./definition.js";
import { type PodDisruptionBudget, PodDisruptionBudgetSchema } from "./schema.js";

const pdb = (name: string, spec: Record<string, unknown>): Record<string, unknown> => ({ apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name }, spec });
const causes = (status: { details?: { causes?: { field?: string; message?: string }[] } }) =>
  (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);

describe("policy/v1 PodDisruptionBudget", () => {
  let registry: TestCoreRegistry;
  let pdbs: ResourceStorage<PodDisruptionBudget>;
  before(() => {
    registry = openTestRegistry();
    pdbs = registry.storeFor(podDisruptionBudgetDefinition);
  });
  after(() => registry.close());

  it("creates with no defaults, zero counts in status and generation 1", async () => {
    const created = await pdbs.main.create(scope("default"), decode(podDisruptionBudgetDefinition, pdb("web", { minAvailable: 2, selector: { matchLabels: { app: "web" } } })));
    assert.deepEqual(created.spec, { minAvailable: 2, selector: { matchLabels: { app: "web" } } });
    assert.deepEqual(created.status, { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
    assert.equal(created.metadata.generation, 1);
    // JSON carries the counts, as upstream always writes them.
    assert.match(JSON.stringify(created), /"status":\{"disruptionsAllowed":0,"currentHealthy":0,"desiredHealthy":0,"expectedPods":0\}/);
  });

  it("validates minAvailable xor maxUnavailable and int-or-percent values with upstream's messages", async () => {
    const status = await rejects(
      pdbs.main.create(scope("default"), decode(podDisruptionBudgetDefinition, pdb("bad", { minAvailable: "120%", maxUnavailable: "half", unhealthyPodEvictionPolicy: "Never" }))),
      422,
    );
    assert.deepEqual(causes(status), [
      // Upstream prints its Go structs (%#v); pointers show as an address.
      "spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000010000), Selector:(*v1.LabelSelector)(nil), MaxUnavailable:(*intstr.IntOrString)(0xc000010000), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(0xc000010000)}: minAvailable and maxUnavailable cannot be both set",
      'spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
      `spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"half"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"',
    ]);
    const negative = await rejects(pdbs.main.create(scope("default"), decode(podDisruptionBudgetDefinition, pdb("neg", { maxUnavailable: -1 }))), 422);
    assert.deepEqual(causes(negative), ["spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0"]);
  });

  it("lets the spec change, bumping the generation, and keeps status for /status", async () => {
    const created = await pdbs.main.create(scope("default"), decode(podDisruptionBudgetDefinition, pdb("upd", { maxUnavailable: "25%" })));
    const changed = { ...structuredClone(created), spec: { maxUnavailable: 1 }, status: { disruptionsAllowed: 5 } };
    const { object } = await pdbs.main.update(scope("default"), "upd", put(podDisruptionBudgetDefinition, changed));
    assert.equal(object.metadata.generation, 2);
    assert.deepEqual(object.spec, { maxUnavailable: 1 });
    assert.equal(object.status?.disruptionsAllowed, 0);

    const body = structuredClone(object);
    delete body.metadata.resourceVersion;
    const conditions = [{ type: "DisruptionAllowed", status: "True", reason: "SufficientPods", message: "", lastTransitionTime: "2024-01-02T03:04:05Z" }];
    const written = await pdbs.status!.update(
      scope("default"),
      "upd",
      put(podDisruptionBudgetDefinition, { ...body, spec: { minAvailable: 9 }, status: { observedGeneration: 2, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, conditions } }),
    );
    assert.deepEqual(written.object.spec, { maxUnavailable: 1 });
    assert.equal(written.object.status?.disruptionsAllowed, 1);
    assert.equal(written.object.metadata.generation, 2);

    const bad = await rejects(
      pdbs.status!.update(scope("default"), "upd", put(podDisruptionBudgetDefinition, { ...body, status: { disruptionsAllowed: -1, conditions: [{ type: "DisruptionAllowed", status: "Yes", reason: "" }] } })),
      422,
    );
    assert.deepEqual(causes(bad), [
      'status.conditions[0].status: Unsupported value: "Yes": supported values: "False", "True", "Unknown"',
      "status.conditions[0].lastTransitionTime: Required value: must be set",
      "status.conditions[0].reason: Required value: must be set",
      "status.disruptionsAllowed: Invalid value: -1: must be greater than or equal to 0",
    ]);
  });

  it("replaces the selector on strategic merge patch, as its patch strategy says", () => {
    const base = PodDisruptionBudgetSchema.parse(pdb("smp", { selector: { matchLabels: { a: "1", b: "2" } } }));
    const patched = applyStrategicMergePatch(base, { spec: { selector: { matchLabels: { c: "3" } } } }, PodDisruptionBudgetSchema) as unknown as PodDisruptionBudget;
    assert.deepEqual(patched.spec?.selector, { matchLabels: { c: "3" } });
  });

  it("prints MIN AVAILABLE, MAX UNAVAILABLE and ALLOWED DISRUPTIONS", () => {
    const cells = (p: unknown) => podDisruptionBudgetDefinition.tableColumns!.slice(0, 3).map((c) => c.cell(PodDisruptionBudgetSchema.parse(p)));
    assert.deepEqual(cells(pdb("a", { minAvailable: "50%" })), ["50%", "N/A", 0]);
    assert.deepEqual(cells({ ...pdb("b", { maxUnavailable: 1 }), status: { disruptionsAllowed: 2 } }), ["N/A", "1", 2]);
    assert.deepEqual(podDisruptionBudgetDefinition.tableColumns!.map((c) => c.name), ["Min Available", "Max Unavailable", "Allowed Disruptions", "Age"]);
  });
});
