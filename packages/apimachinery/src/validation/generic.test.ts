import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { invalidWithoutValue } from "./field-errors.js";
import { semanticEqual, validateImmutableField } from "./generic.js";
import { validateConditions } from "./conditions.js";

const strings = (errs: { toString(): string }[]): string[] => errs.map((e) => e.toString());

describe("semanticEqual", () => {
  it("ignores key order and treats empty lists and maps as absent", () => {
    assert.ok(semanticEqual({ a: 1, b: [1, { c: "x" }] }, { b: [1, { c: "x" }], a: 1 }));
    assert.ok(semanticEqual({ labels: {}, items: [] }, {}));
    assert.ok(semanticEqual(undefined, null));
    assert.ok(!semanticEqual({ a: [1, 2] }, { a: [2, 1] }));
    assert.ok(!semanticEqual({ a: 0 }, {}));
    assert.ok(!semanticEqual("1", 1));
  });
});

describe("validateImmutableField and invalidWithoutValue", () => {
  it("reports the new value as upstream does", () => {
    assert.deepEqual(validateImmutableField(3, 3, "spec.completions"), []);
    assert.deepEqual(strings(validateImmutableField(4, 3, "spec.completions")), ["spec.completions: Invalid value: 4: field is immutable"]);
    assert.deepEqual(strings(validateImmutableField(undefined, "Never", "preemptionPolicy")), ["preemptionPolicy: Invalid value: null: field is immutable"]);
  });

  it("can leave the value out of an Invalid error", () => {
    assert.equal(invalidWithoutValue("status.conditions", "cannot set Complete=True and Failed=true conditions").toString(), "status.conditions: Invalid value: cannot set Complete=True and Failed=true conditions");
  });
});

describe("validateConditions", () => {
  const ok = { type: "Ready", status: "True", lastTransitionTime: "2024-01-02T03:04:05Z", reason: "AllGood", message: "" };

  it("accepts well-formed conditions", () => {
    assert.deepEqual(validateConditions([ok, { ...ok, type: "example.com/Other", status: "Unknown" }], "status.conditions"), []);
  });

  it("reports each problem with upstream's path and message", () => {
    const errs = validateConditions(
      [ok, { type: "Ready", status: "Yes", observedGeneration: -1, reason: "", message: "" }, { ...ok, type: "Other", reason: "not valid!" }],
      "status.conditions",
    );
    assert.deepEqual(strings(errs), [
      'status.conditions[1].type: Duplicate value: "Ready"',
      'status.conditions[1].status: Unsupported value: "Yes": supported values: "False", "True", "Unknown"',
      "status.conditions[1].observedGeneration: Invalid value: -1: must be greater than or equal to zero",
      "status.conditions[1].lastTransitionTime: Required value: must be set",
      "status.conditions[1].reason: Required value: must be set",
      "status.conditions[2].reason: Invalid value: \"not valid!\": a condition reason must start with alphabetic character, optionally followed by a string of alphanumeric characters or '_,:', and must end with an alphanumeric character or '_'",
    ]);
  });
});
