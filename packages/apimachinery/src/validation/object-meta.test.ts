import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { nameIsDNSSubdomain } from "./names.js";
import {
  TOTAL_ANNOTATION_SIZE_LIMIT_BYTES,
  validateAnnotations,
  validateFinalizers,
  validateManagedFields,
  validateObjectMeta,
  validateOwnerReferences,
} from "./object-meta.js";

const strings = (errs: { toString(): string }[]): string[] => errs.map((e) => e.toString());

describe("validateAnnotations", () => {
  it("checks keys case-insensitively", () => {
    assert.deepEqual(validateAnnotations({ "Example.COM/Key": "anything at all" }, "metadata.annotations"), []);
  });

  it("rejects a malformed key, reporting it as written", () => {
    const errs = validateAnnotations({ "a b": "" }, "metadata.annotations");
    assert.equal(errs.length, 1);
    assert.match(errs[0]?.toString() ?? "", /^metadata\.annotations: Invalid value: "a b": name part must/);
  });

  it("limits the total size to 256 KiB", () => {
    const value = "x".repeat(TOTAL_ANNOTATION_SIZE_LIMIT_BYTES);
    assert.deepEqual(validateAnnotations({ a: value.slice(1) }, "metadata.annotations"), []);
    assert.deepEqual(strings(validateAnnotations({ a: value }, "metadata.annotations")), [
      "metadata.annotations: Too long: may not be more than 262144 bytes",
    ]);
  });
});

describe("validateOwnerReferences", () => {
  const ref = { apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: "u1" };

  it("accepts complete references", () => {
    assert.deepEqual(validateOwnerReferences([ref, { ...ref, uid: "u2", controller: true }], "metadata.ownerReferences"), []);
  });

  it("requires version, kind, name and uid", () => {
    assert.deepEqual(strings(validateOwnerReferences([{ apiVersion: "apps/", kind: "", name: "", uid: "" }], "m")), [
      'm.apiVersion: Invalid value: "apps/": version must not be empty',
      'm.kind: Invalid value: "": must not be empty',
      'm.name: Invalid value: "": must not be empty',
      'm.uid: Invalid value: "": must not be empty',
    ]);
  });

  it("refuses Events as owners", () => {
    const errs = validateOwnerReferences([{ apiVersion: "v1", kind: "Event", name: "e", uid: "u" }], "m");
    assert.equal(errs.length, 1);
    assert.match(errs[0]?.toString() ?? "", /: \/v1, Kind=Event is disallowed from being an owner$/);
  });

  it("allows only one controller", () => {
    const errs = validateOwnerReferences(
      [
        { ...ref, controller: true },
        { ...ref, kind: "Deployment", name: "d", controller: true },
      ],
      "m",
    );
    assert.equal(errs.length, 1);
    assert.match(
      errs[0]?.toString() ?? "",
      /Only one reference can have Controller set to true\. Found "true" in references for ReplicaSet\/rs and Deployment\/d$/,
    );
  });
});

describe("validateFinalizers", () => {
  it("accepts qualified names and rejects orphan with foregroundDeletion", () => {
    assert.deepEqual(validateFinalizers(["example.com/cleanup", "orphan"], "f"), []);
    assert.deepEqual(strings(validateFinalizers(["orphan", "foregroundDeletion"], "f")), [
      'f: Invalid value: ["orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set',
    ]);
    assert.equal(validateFinalizers(["a/b/c"], "f").length, 1);
  });
});

describe("validateManagedFields", () => {
  it("checks operation, fieldsType, manager and subresource", () => {
    const errs = validateManagedFields(
      [{ manager: "m\u0007", operation: "Patch", fieldsType: "FieldsV2", subresource: "s".repeat(257) }],
      "metadata.managedFields",
    );
    assert.deepEqual(strings(errs), [
      'metadata.managedFields[0].operation: Invalid value: "Patch": must be `Apply` or `Update`',
      'metadata.managedFields[0].fieldsType: Invalid value: "FieldsV2": must be `FieldsV1`',
      'metadata.managedFields[0].manager: Invalid value: "m\\u0007": invalid character U+0007 (at position 1)',
      "metadata.managedFields[0].subresource: Too long: may not be more than 256 bytes",
    ]);
  });
});

describe("validateObjectMeta", () => {
  it("accepts a minimal namespaced object", () => {
    assert.deepEqual(validateObjectMeta({ name: "web", namespace: "default" }, true, nameIsDNSSubdomain), []);
  });

  it("requires a name and a namespace", () => {
    assert.deepEqual(strings(validateObjectMeta({}, true, nameIsDNSSubdomain)), [
      "metadata.name: Required value: name or generateName is required",
      "metadata.namespace: Required value",
    ]);
  });

  it("forbids a namespace on cluster-scoped kinds", () => {
    assert.deepEqual(strings(validateObjectMeta({ name: "n", namespace: "x" }, false, nameIsDNSSubdomain)), [
      "metadata.namespace: Forbidden: not allowed on this type",
    ]);
  });

  it("checks generateName as a prefix and the name itself", () => {
    assert.deepEqual(validateObjectMeta({ generateName: "web-", name: "web-x1y2z", namespace: "d" }, true, nameIsDNSSubdomain), []);
    const errs = strings(validateObjectMeta({ generateName: "Web-", name: "Web-abc", namespace: "d" }, true, nameIsDNSSubdomain));
    assert.equal(errs.length, 2);
    assert.match(errs[0] ?? "", /^metadata\.generateName: Invalid value: "Web-": a lowercase RFC 1123 subdomain/);
    assert.match(errs[1] ?? "", /^metadata\.name: Invalid value: "Web-abc": a lowercase RFC 1123 subdomain/);
  });

  it("checks the namespace name, generation, labels and annotations", () => {
    const errs = strings(
      validateObjectMeta(
        { name: "n", namespace: "My.NS", generation: -1, labels: { "-x": "y" }, annotations: { "/": "" } },
        true,
        nameIsDNSSubdomain,
      ),
    );
    assert.equal(errs.length, 6);
    assert.match(errs[0] ?? "", /^metadata\.namespace: Invalid value: "My.NS": a lowercase RFC 1123 label/);
    assert.equal(errs[1], "metadata.generation: Invalid value: -1: must be greater than or equal to 0");
    assert.match(errs[2] ?? "", /^metadata\.labels: Invalid value: "-x"/);
    assert.equal(errs[3], 'metadata.annotations: Invalid value: "/": prefix part must be non-empty');
    assert.equal(errs[4], 'metadata.annotations: Invalid value: "/": name part must be non-empty');
    assert.match(errs[5] ?? "", /^metadata\.annotations: Invalid value: "\/": name part must consist of/);
  });
});
