import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { JSONPath, JSONPathError, printValue } from "./jsonpath.js";

const obj = {
  metadata: { name: "w1", labels: { "app.kubernetes.io/name": "web" } },
  spec: { replicas: 3, items: [{ name: "a", n: 1 }, { name: "b", n: 2 }, { name: "c", n: 3 }] },
  status: { conditions: [{ type: "Ready", status: "True" }, { type: "Synced", status: "False" }] },
};

describe("JSONPath", () => {
  it("follows fields, quoted keys, indexes, slices and wildcards", () => {
    assert.deepEqual(new JSONPath(".spec.replicas").find(obj), [3]);
    assert.deepEqual(new JSONPath("{.spec.replicas}").find(obj), [3]);
    assert.deepEqual(new JSONPath(".metadata.labels['app.kubernetes.io/name']").find(obj), ["web"]);
    assert.deepEqual(new JSONPath('.metadata.labels["app.kubernetes.io/name"]').find(obj), ["web"]);
    assert.deepEqual(new JSONPath(".spec.items[1].name").find(obj), ["b"]);
    assert.deepEqual(new JSONPath(".spec.items[-1].name").find(obj), ["c"]);
    assert.deepEqual(new JSONPath(".spec.items[0:2].name").find(obj), ["a", "b"]);
    assert.deepEqual(new JSONPath(".spec.items[*].name").find(obj), ["a", "b", "c"]);
    assert.deepEqual(new JSONPath("..name").find(obj), ["w1", "a", "b", "c"]);
    assert.deepEqual(new JSONPath(".").find(obj), [obj]);
  });

  it("filters list items", () => {
    assert.deepEqual(new JSONPath('.status.conditions[?(@.type=="Ready")].status').find(obj), ["True"]);
    assert.deepEqual(new JSONPath(".status.conditions[?(@.type != 'Ready')].type").find(obj), ["Synced"]);
    assert.deepEqual(new JSONPath(".spec.items[?(@.n > 1)].name").find(obj), ["b", "c"]);
    assert.deepEqual(new JSONPath(".spec.items[?(@.missing)].name").find(obj), []);
  });

  it("gives nothing for what is not there, and rejects malformed paths", () => {
    assert.deepEqual(new JSONPath(".spec.nothing.deeper").find(obj), []);
    assert.deepEqual(new JSONPath(".spec.replicas[0]").find(obj), []);
    assert.throws(() => new JSONPath(".spec.items["), JSONPathError);
    assert.throws(() => new JSONPath("spec"), JSONPathError);
  });

  it("prints values as kubectl does", () => {
    assert.equal(printValue("x"), "x");
    assert.equal(printValue(3), "3");
    assert.equal(printValue(true), "true");
    assert.equal(printValue({ a: [1] }), '{"a":[1]}');
  });
});
