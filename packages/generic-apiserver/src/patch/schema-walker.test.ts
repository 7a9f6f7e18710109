import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { elementSchema, fieldPatchInfo, unwrapSchema, type Schema } from "./schema-walker.js";
import { ContainerSchema, DeploymentSchema, PodSpecSchema } from "./testing/workload-schema.js";

/** Follows a path of field names (and "[]" for list elements) from a schema. */
function walk(schema: Schema, ...path: string[]): Schema | undefined {
  let current: Schema | undefined = schema;
  for (const step of path) current = step === "[]" ? elementSchema(current) : fieldPatchInfo(current, step).schema;
  return current;
}

describe("zod metadata", () => {
  it("lives on the instance .meta() was called on; wrappers made later do not carry it", () => {
    const list = z.array(z.string()).meta({ "x-kubernetes-patch-strategy": "merge" });
    assert.deepEqual(list.meta(), { "x-kubernetes-patch-strategy": "merge" });
    assert.equal(list.optional().meta(), undefined);
    // .describe() copies the metadata to the new instance.
    assert.equal(list.describe("d").meta()?.["x-kubernetes-patch-strategy"], "merge");
  });
});

describe("unwrapSchema", () => {
  const inner = z.object({ a: z.string() });
  const cases: [string, Schema][] = [
    ["optional", inner.optional()],
    ["nullable", inner.nullable()],
    ["default", inner.default({ a: "" })],
    ["prefault", inner.prefault({ a: "" })],
    ["readonly", inner.readonly()],
    ["catch", inner.catch({ a: "" })],
    ["lazy", z.lazy(() => inner)],
    ["preprocess pipe", z.preprocess((v) => v, inner)],
    ["transform pipe", inner.transform((v) => v.a)],
    ["X | null", z.union([inner, z.null()])],
    ["stacked", z.lazy(() => z.preprocess((v) => v, inner.nullable().optional())).default({ a: "" })],
  ];
  for (const [name, wrapped] of cases) {
    it(`looks through ${name}`, () => {
      assert.equal(unwrapSchema(wrapped).schema, inner);
    });
  }

  it("collects metadata from every layer, the outermost winning", () => {
    const schema = z
      .array(z.string())
      .meta({ "x-kubernetes-patch-strategy": "merge", note: "inner" })
      .optional()
      .meta({ note: "outer" });
    assert.deepEqual(unwrapSchema(schema).meta, { note: "outer", "x-kubernetes-patch-strategy": "merge" });
  });

  it("stops at a union of several shapes", () => {
    const union = z.union([z.object({ a: z.string() }), z.string()]);
    assert.equal(unwrapSchema(union).schema, union);
  });
});

describe("fieldPatchInfo", () => {
  it("reads the strategy and merge key of a list field", () => {
    const info = fieldPatchInfo(PodSpecSchema, "containers");
    assert.deepEqual(info.strategies, ["merge"]);
    assert.equal(info.mergeKey, "name");
    assert.equal(elementSchema(info.schema), ContainerSchema);
  });

  it("finds metadata under optionalField's preprocess pipe, on an optional wrapper, and on a lazy schema", () => {
    assert.equal(fieldPatchInfo(ContainerSchema, "env").mergeKey, "name");
    assert.equal(fieldPatchInfo(ContainerSchema, "volumeMounts").mergeKey, "mountPath");
    assert.equal(fieldPatchInfo(PodSpecSchema, "initContainers").mergeKey, "name");
    assert.equal(elementSchema(fieldPatchInfo(PodSpecSchema, "initContainers").schema), ContainerSchema);
  });

  it("splits combined strategies", () => {
    assert.deepEqual(fieldPatchInfo(PodSpecSchema, "volumes").strategies, ["merge", "retainKeys"]);
    assert.deepEqual(fieldPatchInfo(walk(DeploymentSchema, "spec"), "strategy").strategies, ["retainKeys"]);
  });

  it("walks nested objects, lists and maps", () => {
    const container = walk(DeploymentSchema, "spec", "template", "spec", "containers", "[]");
    assert.equal(container, ContainerSchema);
    assert.equal(fieldPatchInfo(container, "ports").mergeKey, "containerPort");
    assert.equal(fieldPatchInfo(walk(DeploymentSchema, "metadata"), "finalizers").strategies[0], "merge");
    // A record's values all share the value schema.
    const limits = walk(DeploymentSchema, "spec", "template", "spec", "containers", "[]", "resources", "limits");
    assert.equal(fieldPatchInfo(limits, "cpu").schema?._zod.def.type, "string");
  });

  it("knows nothing about undeclared fields, plain fields or a missing schema", () => {
    assert.deepEqual(fieldPatchInfo(PodSpecSchema, "noSuchField"), { schema: undefined, strategies: [], mergeKey: "" });
    assert.deepEqual(fieldPatchInfo(undefined, "containers"), { schema: undefined, strategies: [], mergeKey: "" });
    const args = fieldPatchInfo(ContainerSchema, "args");
    assert.deepEqual([args.strategies, args.mergeKey], [[], ""]);
  });

  it("uses a loose object's catch-all for unknown fields", () => {
    const loose = z.looseObject({ known: z.string() });
    assert.equal(fieldPatchInfo(loose, "other").schema?._zod.def.type, "unknown");
  });

  it("looks into both sides of an intersection", () => {
    const both = z.intersection(
      z.object({ a: z.array(z.string()).meta({ "x-kubernetes-patch-strategy": "merge" }) }),
      z.object({ b: z.array(z.object({ k: z.string() })).meta({ "x-kubernetes-patch-merge-key": "k" }) }),
    );
    assert.deepEqual(fieldPatchInfo(both, "a").strategies, ["merge"]);
    assert.equal(fieldPatchInfo(both, "b").mergeKey, "k");
  });
});
