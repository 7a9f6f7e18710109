import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { applyMergePatch } from "./merge-patch.js";

// The RFC 7386 appendix examples, then the Kubernetes-shaped ones.
const cases: { name: string; doc: unknown; patch: unknown; want: unknown }[] = [
  { name: "replace a scalar", doc: { a: "b" }, patch: { a: "c" }, want: { a: "c" } },
  { name: "add a field", doc: { a: "b" }, patch: { b: "c" }, want: { a: "b", b: "c" } },
  { name: "null deletes", doc: { a: "b" }, patch: { a: null }, want: {} },
  { name: "null deletes only its field", doc: { a: "b", b: "c" }, patch: { a: null }, want: { b: "c" } },
  { name: "a list replaces a scalar", doc: { a: ["b"] }, patch: { a: "c" }, want: { a: "c" } },
  { name: "a scalar replaces a list", doc: { a: "c" }, patch: { a: ["b"] }, want: { a: ["b"] } },
  { name: "objects merge recursively", doc: { a: { b: "c" } }, patch: { a: { b: "d", c: null } }, want: { a: { b: "d" } } },
  { name: "lists are replaced, not merged", doc: { a: [{ b: "c" }] }, patch: { a: [1] }, want: { a: [1] } },
  { name: "a null for a missing field is ignored", doc: { e: null }, patch: { a: 1 }, want: { e: null, a: 1 } },
  { name: "an object replaces a scalar, without its nulls", doc: { a: "x" }, patch: { a: { bb: { ccc: null } } }, want: { a: { bb: {} } } },
  { name: "an empty patch changes nothing", doc: { a: 1 }, patch: {}, want: { a: 1 } },
  {
    name: "labels: add, change and delete keys",
    doc: { metadata: { name: "web", labels: { app: "web", tier: "front", old: "x" } } },
    patch: { metadata: { labels: { tier: "back", old: null, env: "prod" } } },
    want: { metadata: { name: "web", labels: { app: "web", tier: "back", env: "prod" } } },
  },
  {
    name: "a new annotations map loses its null entries",
    doc: { metadata: { name: "web" } },
    patch: { metadata: { annotations: { a: "1", b: null } } },
    want: { metadata: { name: "web", annotations: { a: "1" } } },
  },
  {
    name: "containers are replaced as a whole list",
    doc: { spec: { containers: [{ name: "a", image: "a:1" }, { name: "b", image: "b:1" }] } },
    patch: { spec: { containers: [{ name: "a", image: "a:2" }] } },
    want: { spec: { containers: [{ name: "a", image: "a:2" }] } },
  },
  {
    name: "null elements of a new list are dropped (upstream's library)",
    doc: { spec: {} },
    patch: { spec: { args: ["a", null, "b"], nested: [{ x: null, y: 1 }] } },
    want: { spec: { args: ["a", "b"], nested: [{ y: 1 }] } },
  },
  {
    name: "an object replaced by a list keeps the list as it is",
    doc: { a: { b: 1 } },
    patch: { a: [null, 1] },
    want: { a: [null, 1] },
  },
  { name: "an array patch becomes the whole result", doc: { a: 1 }, patch: [1, null, 2], want: [1, 2] },
  { name: "__proto__ is data", doc: {}, patch: JSON.parse('{"__proto__":{"x":1}}'), want: JSON.parse('{"__proto__":{"x":1}}') },
];

describe("applyMergePatch", () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(applyMergePatch(c.doc, c.patch), c.want);
    });
  }

  it("does not modify its inputs", () => {
    const doc = { a: { b: 1 } };
    const patch = { a: { b: null, c: 2 } };
    applyMergePatch(doc, patch);
    assert.deepEqual(doc, { a: { b: 1 } });
    assert.deepEqual(patch, { a: { b: null, c: 2 } });
  });

  it("400 Invalid JSON Patch for a null or scalar patch", () => {
    for (const patch of [null, "x", 5, true]) {
      assert.throws(() => applyMergePatch({ a: 1 }, patch), {
        status: { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: "Invalid JSON Patch", reason: "BadRequest", code: 400 },
      });
    }
  });
});
