import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizeCustomResource, validateCustomResource } from "./custom-resource.js";
import { toStructural } from "./structural.js";

const schema = toStructural({
  type: "object",
  properties: {
    spec: {
      type: "object",
      properties: {
        replicas: { type: "integer", minimum: 1, default: 1 },
        tags: { type: "array", "x-kubernetes-list-type": "set", items: { type: "string" } },
      },
      "x-kubernetes-validations": [{ rule: "self.replicas <= 5", message: "at most 5 replicas" }],
    },
  },
});

describe("a custom resource end to end", () => {
  it("is normalized, then validated with every problem reported", () => {
    const obj: Record<string, unknown> = {
      apiVersion: "example.com/v1", kind: "Foo", metadata: { name: "x", junk: 1 }, spec: { replicas: 9, tags: ["a", "a"], x: true },
    };
    const n = normalizeCustomResource(obj, schema);
    assert.deepEqual(n.unknownFields, ["metadata.junk", "spec.x"]);
    const r = validateCustomResource(obj, schema);
    assert.deepEqual(r.errors.map(String), [`spec.tags[1]: Duplicate value: "a"`, "spec: Invalid value: at most 5 replicas"]);
  });

  it("defaults before validating", () => {
    const obj: Record<string, unknown> = { apiVersion: "example.com/v1", kind: "Foo", metadata: { name: "x" }, spec: {} };
    normalizeCustomResource(obj, schema);
    assert.deepEqual(obj["spec"], { replicas: 1 });
    assert.deepEqual(validateCustomResource(obj, schema).errors, []);
  });
});
