import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyDefaults, pruneNonNullableNulls } from "./defaulting.js";
import { coerceObjectMeta } from "./object-meta.js";
import { prune } from "./pruning.js";
import { toStructural } from "./structural.js";

const schema = toStructural({
  type: "object",
  properties: {
    spec: {
      type: "object",
      properties: {
        replicas: { type: "integer", default: 1 },
        image: { type: "string" },
        list: { type: "array", items: { type: "object", properties: { name: { type: "string" }, port: { type: "integer", default: 80 } } } },
        raw: { type: "object", "x-kubernetes-preserve-unknown-fields": true, properties: { known: { type: "object", properties: { a: { type: "string" } } } } },
        labels: { type: "object", additionalProperties: { type: "string" } },
        template: { type: "object", "x-kubernetes-embedded-resource": true, properties: { spec: { type: "object" } } },
        note: { type: "string", nullable: true },
        mode: { type: "string", default: "auto" },
      },
    },
  },
});

describe("pruning", () => {
  it("drops unknown fields and reports their paths, sorted", () => {
    const obj = {
      apiVersion: "example.com/v1",
      kind: "Foo",
      metadata: { name: "x" },
      spec: {
        image: "nginx",
        x: 1,
        list: [{ name: "a", extra: true }],
        raw: { anything: { goes: 1 }, known: { a: "k", b: "dropped" } },
        labels: { app: "web" },
        template: { apiVersion: "v1", kind: "Pod", metadata: { name: "t" }, spec: {}, status: {} },
      },
      status: {},
    };
    const pruned = prune(obj, schema, { isResourceRoot: true });
    assert.deepEqual(pruned, ["spec.list[0].extra", "spec.raw.known.b", "spec.template.status", "spec.x", "status"]);
    assert.deepEqual(obj, {
      apiVersion: "example.com/v1",
      kind: "Foo",
      metadata: { name: "x" },
      spec: {
        image: "nginx",
        list: [{ name: "a" }],
        raw: { anything: { goes: 1 }, known: { a: "k" } },
        labels: { app: "web" },
        template: { apiVersion: "v1", kind: "Pod", metadata: { name: "t" }, spec: {} },
      },
    });
  });

  it("coerces metadata to ObjectMeta, reporting unknown metadata fields", () => {
    const obj = { metadata: { name: "x", bogus: 1, labels: { a: "b" } }, spec: { template: { metadata: { other: true } } } };
    const r = coerceObjectMeta(obj, schema, { isResourceRoot: true });
    assert.deepEqual(r.unknownFields, ["metadata.bogus", "spec.template.metadata.other"]);
    assert.deepEqual(obj, { metadata: { name: "x", labels: { a: "b" } }, spec: { template: { metadata: {} } } });
  });
});

describe("defaulting", () => {
  it("fills in defaults, in lists too, and never shares default values", () => {
    const obj: Record<string, unknown> = { spec: { list: [{ name: "a" }, { name: "b", port: 8080 }] } };
    applyDefaults(obj, schema);
    assert.deepEqual(obj, { spec: { replicas: 1, mode: "auto", list: [{ name: "a", port: 80 }, { name: "b", port: 8080 }] } });
  });

  it("replaces non-nullable nulls with defaults and prunes the rest (nullable nulls stay)", () => {
    const obj = { spec: { replicas: null, image: null, note: null } };
    pruneNonNullableNulls(obj, schema);
    applyDefaults(obj, schema);
    assert.deepEqual(obj, { spec: { replicas: 1, note: null, mode: "auto" } });
  });

  it("does not default what is not there to default into", () => {
    const obj = {};
    applyDefaults(obj, schema);
    assert.deepEqual(obj, {});
  });
});
