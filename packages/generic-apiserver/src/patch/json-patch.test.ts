import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { StatusError } from "@tskube/apimachinery";
import { applyJSONPatch } from "./json-patch.js";
import { UNPROCESSABLE_PATCH_MESSAGE } from "./errors.js";

interface Case {
  name: string;
  doc: unknown;
  patch: unknown;
  want: unknown;
}

const pod = () => ({
  metadata: { name: "web", labels: { app: "web" } },
  spec: { containers: [{ name: "a", image: "a:1" }, { name: "b", image: "b:1" }] },
});

const successes: Case[] = [
  { name: "add a field", doc: { a: 1 }, patch: [{ op: "add", path: "/b", value: 2 }], want: { a: 1, b: 2 } },
  { name: "add replaces an existing field", doc: { a: 1 }, patch: [{ op: "add", path: "/a", value: [1] }], want: { a: [1] } },
  { name: "add a nested field", doc: pod(), patch: [{ op: "add", path: "/metadata/labels/tier", value: "front" }], want: { ...pod(), metadata: { name: "web", labels: { app: "web", tier: "front" } } } },
  { name: "add inserts into a list", doc: { l: [1, 3] }, patch: [{ op: "add", path: "/l/1", value: 2 }], want: { l: [1, 2, 3] } },
  { name: "add at the end index", doc: { l: [1] }, patch: [{ op: "add", path: "/l/1", value: 2 }], want: { l: [1, 2] } },
  { name: "add with - appends", doc: { l: [1] }, patch: [{ op: "add", path: "/l/-", value: 2 }], want: { l: [1, 2] } },
  { name: "add with a negative index counts from the end", doc: { l: [1, 2] }, patch: [{ op: "add", path: "/l/-1", value: 9 }], want: { l: [1, 2, 9] } },
  { name: "add without a value adds null", doc: {}, patch: [{ op: "add", path: "/a" }], want: { a: null } },
  { name: "add a whole list element", doc: pod(), patch: [{ op: "add", path: "/spec/containers/-", value: { name: "c" } }], want: { ...pod(), spec: { containers: [...pod().spec.containers, { name: "c" }] } } },
  { name: "~1 is a slash in a key", doc: { metadata: { annotations: {} } }, patch: [{ op: "add", path: "/metadata/annotations/example.com~1owner", value: "me" }], want: { metadata: { annotations: { "example.com/owner": "me" } } } },
  { name: "~0 is a tilde in a key", doc: { "a~b": 1 }, patch: [{ op: "replace", path: "/a~0b", value: 2 }], want: { "a~b": 2 } },
  { name: "~01 is a literal ~1", doc: { "~1": 1 }, patch: [{ op: "remove", path: "/~01" }], want: {} },
  { name: "an empty key", doc: { "": 1 }, patch: [{ op: "replace", path: "/", value: 2 }], want: { "": 2 } },
  { name: "remove a field", doc: { a: 1, b: 2 }, patch: [{ op: "remove", path: "/a" }], want: { b: 2 } },
  { name: "remove a field whose value is null", doc: { a: null }, patch: [{ op: "remove", path: "/a" }], want: {} },
  { name: "remove a list element", doc: pod(), patch: [{ op: "remove", path: "/spec/containers/0" }], want: { ...pod(), spec: { containers: [{ name: "b", image: "b:1" }] } } },
  { name: "remove the last element with -1", doc: { l: [1, 2, 3] }, patch: [{ op: "remove", path: "/l/-1" }], want: { l: [1, 2] } },
  { name: "replace a value", doc: pod(), patch: [{ op: "replace", path: "/spec/containers/1/image", value: "b:2" }], want: { ...pod(), spec: { containers: [{ name: "a", image: "a:1" }, { name: "b", image: "b:2" }] } } },
  { name: "replace a list element", doc: { l: [1, 2] }, patch: [{ op: "replace", path: "/l/0", value: 5 }], want: { l: [5, 2] } },
  { name: "replace of a missing field adds it (upstream's library)", doc: { a: 1 }, patch: [{ op: "replace", path: "/b", value: 2 }], want: { a: 1, b: 2 } },
  { name: "replace the whole document", doc: { a: 1 }, patch: [{ op: "replace", path: "", value: { b: 2 } }], want: { b: 2 } },
  { name: "move a field", doc: { a: { x: 1 }, b: {} }, patch: [{ op: "move", from: "/a/x", path: "/b/y" }], want: { a: {}, b: { y: 1 } } },
  { name: "move a list element", doc: { l: [1, 2, 3] }, patch: [{ op: "move", from: "/l/0", path: "/l/-" }], want: { l: [2, 3, 1] } },
  { name: "copy a value", doc: { a: { x: [1] } }, patch: [{ op: "copy", from: "/a", path: "/b" }], want: { a: { x: [1] }, b: { x: [1] } } },
  { name: "a copy is independent of its source", doc: { a: { x: 1 } }, patch: [{ op: "copy", from: "/a", path: "/b" }, { op: "replace", path: "/b/x", value: 2 }], want: { a: { x: 1 }, b: { x: 2 } } },
  { name: "copy of a missing field copies null (upstream's library)", doc: { a: 1 }, patch: [{ op: "copy", from: "/nope", path: "/b" }], want: { a: 1, b: null } },
  { name: "test that holds", doc: pod(), patch: [{ op: "test", path: "/spec/containers/0/name", value: "a" }, { op: "replace", path: "/spec/containers/0/image", value: "a:2" }], want: { ...pod(), spec: { containers: [{ name: "a", image: "a:2" }, { name: "b", image: "b:1" }] } } },
  { name: "test compares structures, not key order", doc: { a: { x: 1, y: [1, { z: 2 }] } }, patch: [{ op: "test", path: "/a", value: { y: [1, { z: 2 }], x: 1 } }], want: { a: { x: 1, y: [1, { z: 2 }] } } },
  { name: "test of a missing field against null holds", doc: { a: 1 }, patch: [{ op: "test", path: "/b", value: null }], want: { a: 1 } },
  { name: "test of the whole document", doc: { a: 1 }, patch: [{ op: "test", path: "", value: { a: 1 } }], want: { a: 1 } },
  { name: "a null body is an empty patch", doc: { a: 1 }, patch: null, want: { a: 1 } },
  { name: "an empty patch", doc: { a: 1 }, patch: [], want: { a: 1 } },
  { name: "__proto__ is an ordinary key", doc: {}, patch: [{ op: "add", path: "/__proto__", value: { polluted: true } }], want: JSON.parse('{"__proto__":{"polluted":true}}') },
];

interface FailureCase {
  name: string;
  doc: unknown;
  patch: unknown;
  /** The failure the 422 keeps as its cause. */
  cause: string;
}

// Every failing operation is the same 422 for the client.
const failures: FailureCase[] = [
  { name: "test that does not hold", doc: { a: 1 }, patch: [{ op: "test", path: "/a", value: 2 }], cause: "testing value /a failed: test failed" },
  { name: "test of a missing field", doc: { a: 1 }, patch: [{ op: "test", path: "/b", value: 1 }], cause: "testing value /b failed: test failed" },
  { name: "test without a value of an existing field", doc: { a: 1 }, patch: [{ op: "test", path: "/a" }], cause: "testing value /a failed: test failed" },
  { name: "test failing after earlier operations applied", doc: { a: 1 }, patch: [{ op: "add", path: "/b", value: 1 }, { op: "test", path: "/a", value: 9 }], cause: "testing value /a failed: test failed" },
  { name: "add below a missing parent", doc: { a: 1 }, patch: [{ op: "add", path: "/x/y", value: 1 }], cause: 'add operation does not apply: doc is missing path: "/x/y": missing value' },
  { name: "add below a scalar", doc: { a: 1 }, patch: [{ op: "add", path: "/a/y", value: 1 }], cause: 'add operation does not apply: doc is missing path: "/a/y": missing value' },
  { name: "add past the end of a list", doc: { l: [1] }, patch: [{ op: "add", path: "/l/5", value: 1 }], cause: "error in add for path: '/l/5': Unable to access invalid index: 5: invalid index referenced" },
  { name: "add with a non-numeric index", doc: { l: [1] }, patch: [{ op: "add", path: "/l/x", value: 1 }], cause: "error in add for path: '/l/x': value was not a proper array index: 'x': strconv.Atoi: parsing \"x\": invalid syntax" },
  { name: "add to the whole document", doc: { a: 1 }, patch: [{ op: "add", path: "", value: {} }], cause: 'add operation does not apply: doc is missing path: "": missing value' },
  { name: "remove a missing field", doc: { a: 1 }, patch: [{ op: "remove", path: "/b" }], cause: "error in remove for path: '/b': Unable to remove nonexistent key: b: missing value" },
  { name: "remove below a missing parent", doc: { a: 1 }, patch: [{ op: "remove", path: "/x/y" }], cause: 'remove operation does not apply: doc is missing path: "/x/y": missing value' },
  { name: "remove past the end of a list", doc: { l: [1] }, patch: [{ op: "remove", path: "/l/1" }], cause: "error in remove for path: '/l/1': Unable to access invalid index: 1: invalid index referenced" },
  { name: "remove with - (there is no element after the last)", doc: { l: [1] }, patch: [{ op: "remove", path: "/l/-" }], cause: "error in remove for path: '/l/-': strconv.Atoi: parsing \"-\": invalid syntax" },
  { name: "replace past the end of a list", doc: { l: [1] }, patch: [{ op: "replace", path: "/l/3", value: 1 }], cause: "replace operation does not apply: doc is missing key: /l/3: missing value" },
  { name: "replace below a missing parent", doc: {}, patch: [{ op: "replace", path: "/spec/replicas", value: 1 }], cause: "replace operation does not apply: doc is missing path: /spec/replicas: missing value" },
  { name: "replace the document with a scalar", doc: {}, patch: [{ op: "replace", path: "", value: 1 }], cause: "replace operation value must be object or array" },
  { name: "move from a missing field", doc: { a: {} }, patch: [{ op: "move", from: "/a/x", path: "/b" }], cause: "error in move for path: 'x': Unable to remove nonexistent key: x: missing value" },
  { name: "move a value into itself", doc: { a: { b: {} } }, patch: [{ op: "move", from: "/a", path: "/a/b/c" }], cause: "move operation does not apply: doc is missing destination path: /a/b/c: missing value" },
  { name: "copy to a missing parent", doc: { a: 1 }, patch: [{ op: "copy", from: "/a", path: "/x/y" }], cause: "copy operation does not apply: doc is missing destination path: /x/y: missing value" },
  { name: "an unknown op", doc: {}, patch: [{ op: "merge", path: "/a" }], cause: "Unexpected kind: merge" },
  { name: "an op without op", doc: {}, patch: [{ path: "/a" }], cause: "Unexpected kind: unknown" },
  { name: "a null operation", doc: {}, patch: [null], cause: "Unexpected kind: unknown" },
  { name: "an op without a path", doc: {}, patch: [{ op: "add", value: 1 }], cause: "add operation failed to decode path: missing value" },
  { name: "a path that is not a pointer", doc: { a: 1 }, patch: [{ op: "remove", path: "a" }], cause: 'remove operation does not apply: doc is missing path: "a": missing value' },
];

describe("applyJSONPatch", () => {
  for (const c of successes) {
    it(c.name, () => {
      assert.deepEqual(applyJSONPatch(c.doc, c.patch), c.want);
    });
  }

  it("does not modify its inputs", () => {
    const doc = pod();
    const patch = [{ op: "remove", path: "/spec/containers/0" }];
    applyJSONPatch(doc, patch);
    assert.deepEqual(doc, pod());
    assert.deepEqual(patch, [{ op: "remove", path: "/spec/containers/0" }]);
  });

  it("treats __proto__ as data and leaves Object.prototype alone", () => {
    const patch = [{ op: "add", path: "/__proto__/polluted", value: true }];
    assert.throws(() => applyJSONPatch({}, patch), StatusError); // no such field
    const withField = JSON.parse('{"__proto__":{}}') as unknown;
    assert.deepEqual(applyJSONPatch(withField, patch), JSON.parse('{"__proto__":{"polluted":true}}'));
    assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
  });

  for (const c of failures) {
    it(`422: ${c.name}`, () => {
      assert.throws(
        () => applyJSONPatch(c.doc, c.patch),
        (err: unknown) => {
          assert.ok(err instanceof StatusError);
          assert.deepEqual(err.status, {
            kind: "Status",
            apiVersion: "v1",
            metadata: {},
            status: "Failure",
            message: UNPROCESSABLE_PATCH_MESSAGE,
            reason: "Invalid",
            details: {},
            code: 422,
          });
          assert.equal(err.cause, c.cause);
          return true;
        },
      );
    });
  }

  it("400 when the body is not a list of operations", () => {
    for (const [body, message] of [
      [{ op: "add" }, "json: cannot unmarshal object into Go value of type jsonpatch.Patch"],
      ["add", "json: cannot unmarshal string into Go value of type jsonpatch.Patch"],
      [["add"], "json: cannot unmarshal string into Go value of type jsonpatch.Operation"],
    ] as const) {
      assert.throws(() => applyJSONPatch({}, body), { status: { ...badRequest(message) } });
    }
  });

  it("413 above 10000 operations", () => {
    const patch = Array.from({ length: 10001 }, () => ({ op: "test", path: "/a", value: 1 }));
    assert.throws(() => applyJSONPatch({ a: 1 }, patch), (err: unknown) => {
      assert.ok(err instanceof StatusError);
      assert.equal(err.code, 413);
      assert.equal(err.reason, "RequestEntityTooLarge");
      assert.equal(err.message, "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001");
      return true;
    });
    assert.deepEqual(applyJSONPatch({ a: 1 }, patch.slice(1)), { a: 1 });
  });

  it("422 when copies grow the document past the limit", () => {
    const doc = { big: "x".repeat(100) };
    const patch = [
      { op: "copy", from: "/big", path: "/c1" },
      { op: "copy", from: "/big", path: "/c2" },
    ];
    assert.deepEqual(Object.keys(applyJSONPatch(doc, patch, { maxCopyBytes: 204 }) as object), ["big", "c1", "c2"]);
    assert.throws(() => applyJSONPatch(doc, patch, { maxCopyBytes: 203 }), (err: unknown) => {
      assert.ok(err instanceof StatusError && err.code === 422);
      assert.equal(err.cause, "Unable to complete the copy, the accumulated size increase of copy is 204, exceeding the limit 203");
      return true;
    });
  });
});

function badRequest(message: string) {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason: "BadRequest", code: 400 };
}
