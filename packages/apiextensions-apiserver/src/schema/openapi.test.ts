import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildKindSchemas } from "./openapi.js";
import { toStructural } from "./structural.js";

const names = { group: "stable.example.com", version: "v1", kind: "CronTab", listKind: "CronTabList", plural: "crontabs" };
const schema = toStructural({
  type: "object",
  properties: {
    spec: {
      type: "object",
      description: "What the cron tab runs.",
      properties: {
        cronSpec: { type: "string", pattern: "^\\S+$" },
        port: { "x-kubernetes-int-or-string": true },
        note: { type: "string", nullable: true },
        template: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true },
        either: { type: "string", anyOf: [{ minLength: 1 }, { maxLength: 0 }] },
      },
      required: ["cronSpec", "note"],
    },
  },
});

describe("OpenAPI for a custom resource kind", () => {
  it("v3: the schema with type meta, metadata, GVK and int-or-string unfolded", () => {
    const { kindName, listName, kind, list } = buildKindSchemas(schema, names, "v3");
    assert.equal(kindName, "com.example.stable.v1.CronTab");
    assert.equal(listName, "com.example.stable.v1.CronTabList");
    assert.deepEqual(kind["x-kubernetes-group-version-kind"], [{ group: "stable.example.com", version: "v1", kind: "CronTab" }]);
    const props = kind["properties"] as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(props).sort(), ["apiVersion", "kind", "metadata", "spec"]);
    assert.deepEqual(props["metadata"]!["allOf"], [{ $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" }]);
    const spec = props["spec"] as { description: string; properties: Record<string, Record<string, unknown>> };
    assert.equal(spec.description, "What the cron tab runs.");
    assert.deepEqual(spec.properties["port"], { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] });
    assert.equal(spec.properties["note"]!["nullable"], true);
    assert.deepEqual(spec.properties["template"]!["required"], ["kind", "apiVersion"]);
    assert.deepEqual((list["properties"] as Record<string, Record<string, unknown>>)["items"]!["items"], { $ref: "#/components/schemas/com.example.stable.v1.CronTab" });
    assert.deepEqual(list["x-kubernetes-group-version-kind"], [{ group: "stable.example.com", version: "v1", kind: "CronTabList" }]);
  });

  it("v2: no junctors, nullable and int-or-string untyped, nullable not required", () => {
    const { kind } = buildKindSchemas(schema, names, "v2");
    const spec = (kind["properties"] as Record<string, { properties: Record<string, Record<string, unknown>>; required: string[] }>)["spec"]!;
    assert.deepEqual(spec.properties["note"], {});
    assert.deepEqual(spec.properties["port"], { "x-kubernetes-int-or-string": true });
    assert.deepEqual(spec.properties["either"], { type: "string" });
    assert.deepEqual(spec.required, ["cronSpec"]);
    // Embedded resources that preserve unknown fields get no added properties in v2.
    assert.equal(spec.properties["template"]!["properties"], undefined);
    assert.deepEqual((kind["properties"] as Record<string, Record<string, unknown>>)["metadata"]!["$ref"], "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
  });

  it("v2: a root that preserves unknown fields publishes a bare object", () => {
    const { kind } = buildKindSchemas(toStructural({ type: "object", "x-kubernetes-preserve-unknown-fields": true }), names, "v2");
    assert.deepEqual(kind, { type: "object", "x-kubernetes-group-version-kind": [{ group: "stable.example.com", version: "v1", kind: "CronTab" }] });
  });
});
