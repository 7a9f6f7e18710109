import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { FieldPath } from "./field-errors.js";
import { validateLabels, validateLabelSelector } from "./labels.js";

const strings = (errs: { toString(): string }[]): string[] => errs.map((e) => e.toString());

describe("validateLabels", () => {
  it("accepts valid labels", () => {
    assert.deepEqual(validateLabels({ app: "web", "example.com/tier": "", v: "1.2_3-x" }, "metadata.labels"), []);
    assert.deepEqual(validateLabels(undefined, "metadata.labels"), []);
  });

  it("reports bad keys and values at the map's path", () => {
    const errs = validateLabels({ "-bad": "ok", good: "bad value" }, FieldPath.root("metadata", "labels"));
    assert.equal(errs.length, 2);
    assert.equal(errs[0]?.type, "FieldValueInvalid");
    assert.equal(errs[0]?.field, "metadata.labels");
    assert.match(errs[0]?.toString() ?? "", /^metadata\.labels: Invalid value: "-bad": name part must consist of/);
    assert.match(errs[1]?.toString() ?? "", /^metadata\.labels: Invalid value: "bad value": a valid label must be/);
  });

  it("rejects values over 63 characters", () => {
    assert.deepEqual(strings(validateLabels({ a: "x".repeat(64) }, "metadata.labels")), [
      `metadata.labels: Invalid value: "${"x".repeat(64)}": must be no more than 63 characters`,
    ]);
  });
});

describe("validateLabelSelector", () => {
  it("accepts a valid selector and a missing one", () => {
    assert.deepEqual(
      validateLabelSelector(
        { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["db"] }] },
        "spec.selector",
      ),
      [],
    );
    assert.deepEqual(validateLabelSelector(undefined, "spec.selector"), []);
  });

  it("reports operator and values problems with upstream's messages", () => {
    const errs = validateLabelSelector(
      {
        matchExpressions: [
          { key: "a", operator: "In" },
          { key: "b", operator: "Exists", values: ["x"] },
          { key: "c", operator: "in" },
        ],
      },
      "spec.selector",
    );
    assert.deepEqual(strings(errs), [
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "in": not a valid selector operator',
    ]);
  });
});
