import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toStructural } from "../schema/structural.js";
import type { JSONSchemaProps, ValidationRule } from "../schema/types.js";
import { validateCELRules } from "./validator.js";

const withRules = (rules: ValidationRule[], props: Record<string, JSONSchemaProps> = {}) =>
  toStructural({
    type: "object",
    properties: {
      spec: {
        type: "object",
        "x-kubernetes-validations": rules,
        properties: {
          min: { type: "integer" },
          max: { type: "integer" },
          name: { type: "string", "x-kubernetes-validations": [{ rule: "self.size() <= 5", message: "name too long" }] },
          ...props,
        },
      },
    },
  });

const errs = (s: ReturnType<typeof withRules>, obj: unknown, old?: unknown) => validateCELRules(obj, s, old === undefined ? {} : { old }).errors.map(String);

describe("x-kubernetes-validations", () => {
  it("passes valid objects and reports failures at the node, scalars with their value", () => {
    const s = withRules([{ rule: "self.min <= self.max" }]);
    assert.deepEqual(errs(s, { spec: { min: 1, max: 2, name: "ok" } }), []);
    assert.deepEqual(errs(s, { spec: { min: 3, max: 2, name: "toolong" } }), [
      "spec: Invalid value: failed rule: self.min <= self.max",
      `spec.name: Invalid value: "toolong": name too long`,
    ]);
  });

  it("rules may name a value with cel.bind", () => {
    const s = withRules([{ rule: "cel.bind(span, self.max - self.min, span >= 0 && span <= 10)", message: "span out of range" }]);
    assert.deepEqual(errs(s, { spec: { min: 1, max: 5 } }), []);
    assert.deepEqual(errs(s, { spec: { min: 1, max: 50 } }), ["spec: Invalid value: span out of range"]);
  });

  it("message, messageExpression, reason and fieldPath", () => {
    const s = withRules([
      { rule: "self.min <= self.max", messageExpression: "'min ' + string(self.min) + ' is above max ' + string(self.max)", reason: "FieldValueForbidden", fieldPath: ".min" },
      { rule: "has(self.name)", message: "name is required", reason: "FieldValueRequired" },
    ]);
    assert.deepEqual(errs(s, { spec: { min: 3, max: 2 } }), ["spec.min: Forbidden: min 3 is above max 2", "spec: Required value: name is required"]);
  });

  it("reports evaluation errors with the rule", () => {
    const s = withRules([{ rule: "self.min > 0" }]);
    assert.deepEqual(errs(s, { spec: { max: 1 } }), ["spec: Invalid value: \"object\": no such key: min evaluating rule: self.min > 0"]);
  });

  it("runs transition rules only on update, unless optionalOldSelf", () => {
    const s = withRules([{ rule: "self.min >= oldSelf.min", message: "min may not decrease" }]);
    assert.deepEqual(errs(s, { spec: { min: 1 } }), []);
    assert.deepEqual(errs(s, { spec: { min: 1 } }, { spec: { min: 2 } }), ["spec: Invalid value: min may not decrease"]);
    const o = withRules([{ rule: "oldSelf.hasValue() || self.min == 0", optionalOldSelf: true, message: "must start at 0" }]);
    assert.deepEqual(errs(o, { spec: { min: 1 } }), ["spec: Invalid value: must start at 0"]);
    assert.deepEqual(errs(o, { spec: { min: 1 } }, { spec: { min: 1 } }), []);
  });

  it("ratchets unchanged invalid values on update into warnings", () => {
    const s = withRules([{ rule: "self.min <= self.max" }]);
    const bad = { spec: { min: 3, max: 2, name: "toolong" } };
    const r = validateCELRules({ spec: { min: 3, max: 2, name: "toolong" } }, s, { old: bad });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.warnings, ["spec: Invalid value: failed rule: self.min <= self.max", `spec.name: Invalid value: "toolong": name too long`]);
    assert.deepEqual(errs(s, { spec: { min: 3, max: 2, name: "toolonger" } }, bad), [
      "spec: Invalid value: failed rule: self.min <= self.max",
      `spec.name: Invalid value: "toolonger": name too long`,
    ]);
  });

  it("root rules are reported at <nil>; resource roots see apiVersion, kind and metadata", () => {
    const s = toStructural({ type: "object", "x-kubernetes-validations": [{ rule: "self.metadata.name.startsWith('a')" }] });
    const r = validateCELRules({ apiVersion: "v1", kind: "X", metadata: { name: "bob" } }, s, { isResourceRoot: true });
    assert.deepEqual(r.errors.map(String), ["<nil>: Invalid value: failed rule: self.metadata.name.startsWith('a')"]);
  });

  it("stops at the runtime cost budget", () => {
    const s = toStructural({
      type: "object",
      properties: { items: { type: "array", items: { type: "string", "x-kubernetes-validations": [{ rule: "self.size() < 100" }] } } },
    });
    const r = validateCELRules({ items: Array.from({ length: 50 }, () => "x") }, s, { budget: 20 });
    assert.equal(r.errors.length, 1);
    assert.match(String(r.errors[0]), /^items\[\d+\]: Invalid value: "string": validation failed due to running out of cost budget, no further validation rules will be run$/);
  });

  it("a runaway rule hits the per-call limit", () => {
    const s = toStructural({
      type: "object",
      properties: { l: { type: "array", items: { type: "integer" }, "x-kubernetes-validations": [{ rule: "self.all(a, self.all(b, self.all(c, a + b + c >= 0)))" }] } },
    });
    const r = validateCELRules({ l: Array.from({ length: 120 }, (_, i) => i) }, s);
    assert.deepEqual(r.errors.map(String), [
      `l: Invalid value: "array": 'operation cancelled: actual cost limit exceeded': no further validation rules will be run due to call cost exceeds limit for rule: self.all(a, self.all(b, self.all(c, a + b + c >= 0)))`,
    ]);
  });

  it("is fast for a ~30-field object with one rule", () => {
    const props: Record<string, JSONSchemaProps> = {};
    const obj: Record<string, unknown> = {};
    for (let i = 0; i < 30; i++) {
      props[`f${i}`] = i % 3 === 0 ? { type: "integer" } : i % 3 === 1 ? { type: "string", maxLength: 64 } : { type: "boolean" };
      obj[`f${i}`] = i % 3 === 0 ? i : i % 3 === 1 ? `value-${i}` : true;
    }
    const s = toStructural({ type: "object", properties: { spec: { type: "object", properties: props, "x-kubernetes-validations": [{ rule: "self.f0 < self.f3 && self.f1.startsWith('value')" }] } } });
    const data = { spec: obj };
    validateCELRules(data, s); // compile once (cached per schema)
    const n = 2000;
    const start = performance.now();
    for (let i = 0; i < n; i++) assert.deepEqual(validateCELRules({ spec: { ...obj } }, s).errors, []);
    const perCall = (performance.now() - start) / n;
    console.log(`# CEL validation of a 30-field object with one rule: ${(perCall * 1000).toFixed(1)} µs per object`);
  });
});
