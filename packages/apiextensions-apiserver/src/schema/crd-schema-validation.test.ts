import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FieldPath } from "@tskube/apimachinery";
import { validateCustomResourceSchema } from "./crd-schema-validation.js";
import type { JSONSchemaProps } from "./types.js";

const base = FieldPath.root("spec").child("versions").index(0).child("schema");
const errorsOf = (schema: JSONSchemaProps, opts = {}) => validateCustomResourceSchema({ openAPIV3Schema: schema }, base, opts).map(String);
const P = "spec.versions[0].schema.openAPIV3Schema";

describe("structural schema rules", () => {
  it("accepts a typical schema", () => {
    assert.deepEqual(
      errorsOf({
        type: "object",
        properties: {
          spec: {
            type: "object",
            required: ["replicas"],
            properties: {
              replicas: { type: "integer", minimum: 0, default: 1 },
              port: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
              labels: { type: "object", additionalProperties: { type: "string" } },
              ports: {
                type: "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                items: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
              },
              raw: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
              // Neither needs a type: anything goes here.
              anything: { "x-kubernetes-preserve-unknown-fields": true },
            },
          },
        },
      }),
      [],
    );
  });

  it("requires types for fields, items and the root, and an object root", () => {
    assert.deepEqual(errorsOf({ properties: { spec: {} } }), [
      `${P}.properties[spec].type: Required value: must not be empty for specified object fields`,
      `${P}.type: Required value: must not be empty at the root`,
    ]);
    assert.deepEqual(errorsOf({ type: "object", properties: { a: { type: "array", items: {} } } }), [
      `${P}.properties[a].items.type: Required value: must not be empty for specified array items`,
    ]);
    assert.deepEqual(errorsOf({ type: "string" }), [`${P}.type: Invalid value: "string": must be object at the root`]);
    assert.deepEqual(errorsOf({ type: "object", properties: { a: { type: "array" } } }), [
      `${P}.properties[a].items: Required value: must be specified`,
    ]);
  });

  it("restricts metadata at the root to name and generateName", () => {
    assert.deepEqual(errorsOf({ type: "object", properties: { metadata: { type: "object", properties: { name: { type: "string", maxLength: 10 } } } } }), []);
    assert.deepEqual(errorsOf({ type: "object", properties: { metadata: { type: "object", properties: { labels: { type: "object" } } } } }), [
      `${P}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`,
    ]);
  });

  it("forbids additionalProperties with properties, and at the root", () => {
    assert.deepEqual(
      errorsOf({ type: "object", properties: { a: { type: "object", properties: { b: { type: "string" } }, additionalProperties: { type: "string" } } } }),
      [`${P}.properties[a].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`],
    );
    assert.deepEqual(errorsOf({ type: "object", additionalProperties: { type: "string" } }), [
      `${P}.additionalProperties: Forbidden: must not be used at the root`,
    ]);
  });

  it("keeps junctors free of structure", () => {
    assert.deepEqual(
      errorsOf({ type: "object", properties: { a: { type: "string", anyOf: [{ type: "string", description: "x", nullable: true }] } } }),
      [
        `${P}.properties[a].anyOf[0].description: Forbidden: must be empty to be structural`,
        `${P}.properties[a].anyOf[0].nullable: Forbidden: must be false to be structural`,
        `${P}.properties[a].anyOf[0].type: Forbidden: must be empty to be structural`,
      ],
    );
    assert.deepEqual(errorsOf({ type: "object", properties: { a: { type: "object", allOf: [{ properties: { b: { minLength: 1 } } }] } } }), [
      `${P}.properties[a].properties[b]: Required value: because it is defined in ${P}.properties[a].allOf[0].properties[b]`,
    ]);
  });

  it("rejects unsupported keywords", () => {
    assert.deepEqual(
      errorsOf({ type: "object", properties: { a: { type: "array", uniqueItems: true, items: { type: "string" } }, b: { $ref: "#/x" }, c: { type: "null" } } }),
      [
        `${P}.properties[b].type: Required value: must not be empty for specified object fields`,
        `${P}.properties[c].type: Required value: must not be empty for specified object fields`,
        `${P}.properties[a].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`,
        `${P}.properties[b].$ref: Forbidden: $ref is not supported`,
        `${P}.properties[c].type: Unsupported value: "null": supported values: "array", "boolean", "integer", "number", "object", "string"`,
        `${P}.properties[c].type: Forbidden: type cannot be set to null, use nullable as an alternative`,
      ].filter((e) => !e.includes("[c].type: Required")),
    );
  });

  it("checks list types and map keys", () => {
    assert.deepEqual(errorsOf({ type: "object", properties: { a: { type: "string", "x-kubernetes-list-type": "set" } } }), [
      `${P}.properties[a].type: Invalid value: "string": must be array if x-kubernetes-list-type is specified`,
    ]);
    assert.deepEqual(
      errorsOf({
        type: "object",
        properties: { a: { type: "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["id"], items: { type: "object", properties: { name: { type: "string" } } } } },
      }),
      [`${P}.properties[a].x-kubernetes-list-map-keys: Invalid value: ["id"]: entries must all be names of item properties`],
    );
    assert.deepEqual(
      errorsOf({
        type: "object",
        properties: { a: { type: "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["id"], items: { type: "object", properties: { id: { type: "string" } } } } },
      }),
      [`${P}.properties[a].items.properties[id].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property`],
    );
    assert.deepEqual(errorsOf({ type: "object", properties: { a: { type: "array", "x-kubernetes-list-type": "bag", items: { type: "string" } } } }), [
      `${P}.properties[a].x-kubernetes-list-type: Unsupported value: "bag": supported values: "atomic", "set", "map"`,
    ]);
  });

  it("checks map types", () => {
    assert.deepEqual(errorsOf({ type: "object", properties: { a: { type: "object", "x-kubernetes-map-type": "granular", additionalProperties: { type: "string" } } } }), []);
    assert.deepEqual(errorsOf({ type: "object", properties: { a: { type: "object", "x-kubernetes-map-type": "atomic", properties: { b: { type: "string" } } } } }), []);
    assert.deepEqual(errorsOf({ type: "object", properties: { a: { type: "string", "x-kubernetes-map-type": "atomic" } } }), [
      `${P}.properties[a].type: Invalid value: "string": must be object if x-kubernetes-map-type is specified`,
    ]);
    assert.deepEqual(errorsOf({ type: "object", properties: { a: { type: "object", "x-kubernetes-map-type": "deep", additionalProperties: { type: "string" } } } }), [
      `${P}.properties[a].x-kubernetes-map-type: Unsupported value: "deep": supported values: "atomic", "granular"`,
    ]);
  });

  it("validates defaults against their schema, pruned", () => {
    assert.deepEqual(errorsOf({ type: "object", properties: { a: { type: "integer", default: "x" } } }), [
      // The value's own name is empty, so kube-openapi's "<name> in body" starts with a space.
      `${P}.properties[a].default: Invalid value: "string":  in body must be of type integer: "string"`,
    ]);
    assert.deepEqual(errorsOf({ type: "object", properties: { a: { type: "object", properties: { b: { type: "string" } }, default: { b: "x", c: 1 } } } }), [
      `${P}.properties[a].default: Invalid value: {"b":"x","c":1}: must not have unknown fields`,
    ]);
    assert.deepEqual(errorsOf({ type: "object", properties: { a: { type: "string", maxLength: 2, default: "long" } } }), [
      `${P}.properties[a].default: Too long: may not be more than 2 bytes`,
    ]);
    assert.deepEqual(errorsOf({ type: "object", properties: { metadata: { type: "object", default: {} } } }), [
      `${P}.properties[metadata].default: Forbidden: must not be set in top-level metadata`,
    ]);
  });

  it("checks embedded resources", () => {
    assert.deepEqual(errorsOf({ type: "object", properties: { t: { type: "object", "x-kubernetes-embedded-resource": true } } }), [
      `${P}.properties[t].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`,
    ]);
    assert.deepEqual(errorsOf({ type: "object", properties: { t: { type: "string", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true } } }), [
      `${P}.properties[t].type: Invalid value: "string": must be object if x-kubernetes-embedded-resource is true`,
    ]);
  });

  it("with a status subresource, allows only some keywords at the root", () => {
    assert.deepEqual(errorsOf({ type: "object", properties: {} }, { statusSubresource: true }), []);
    const errs = errorsOf({ type: "object", title: "x", minProperties: 1, properties: {} }, { statusSubresource: true });
    assert.equal(errs.length, 1);
    assert.match(errs[0]!, /^spec\.versions\[0\]\.schema\.openAPIV3Schema: Invalid value: .*: only \[Description Type Format .* XValidations\] fields are allowed at the root of the schema if the status subresource is enabled$/);
  });
});

describe("x-kubernetes-validations on the CRD", () => {
  const withRule = (rule: Record<string, unknown>, extra: JSONSchemaProps = {}): JSONSchemaProps => ({
    type: "object",
    properties: { spec: { type: "object", properties: { a: { type: "integer" }, s: { type: "string", maxLength: 10 } }, "x-kubernetes-validations": [rule as never], ...extra } },
  });
  const R = `${P}.properties[spec].x-kubernetes-validations[0]`;

  it("accepts rules that compile", () => {
    assert.deepEqual(errorsOf(withRule({ rule: "self.a > 0 && self.s.startsWith('x')" })), []);
    assert.deepEqual(errorsOf(withRule({ rule: "self.a >= oldSelf.a", message: "may only grow" })), []);
  });

  it("reports compile errors as upstream words them", () => {
    assert.deepEqual(errorsOf(withRule({ rule: "self.foo > 0" })), [
      `${R}.rule: Invalid value: {"rule":"self.foo > 0"}: compilation failed: ERROR: <input>:1:5: undefined field 'foo'\n | self.foo > 0\n | ....^`,
    ]);
    assert.deepEqual(errorsOf(withRule({ rule: "self.a + 'x' == 1" })), [
      `${R}.rule: Invalid value: {"rule":"self.a + 'x' == 1"}: compilation failed: ERROR: <input>:1:8: found no matching overload for '_+_' applied to '(int, string)'\n | self.a + 'x' == 1\n | .......^`,
    ]);
    assert.deepEqual(errorsOf(withRule({ rule: "self.a" })), [`${R}.rule: Invalid value: {"rule":"self.a"}: cel expression must evaluate to a bool`]);
    assert.match(errorsOf(withRule({ rule: "self.a >" }))[0]!, /rule: Invalid value: .*: compilation failed: ERROR: <input>:1:\d+: Syntax error/);
  });

  it("checks the rule text, reason and fieldPath", () => {
    assert.deepEqual(errorsOf(withRule({ rule: " " })), [`${R}.rule: Required value: rule is not specified`]);
    assert.deepEqual(errorsOf(withRule({ rule: "true", reason: "Bogus" })), [
      `${R}.reason: Unsupported value: "Bogus": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"`,
    ]);
    assert.deepEqual(errorsOf(withRule({ rule: "true", fieldPath: ".nope" })), [`${R}.fieldPath: Invalid value: ".nope": fieldPath must be a valid path`]);
    assert.deepEqual(errorsOf(withRule({ rule: "true", optionalOldSelf: true })), [`${R}.optionalOldSelf: Invalid value: true: may not be set if oldSelf is not used in rule`]);
  });

  it("forbids oldSelf where old and new values cannot be correlated", () => {
    const schema: JSONSchemaProps = {
      type: "object",
      properties: { list: { type: "array", maxItems: 10, items: { type: "string", maxLength: 10, "x-kubernetes-validations": [{ rule: "self == oldSelf" }] } } },
    };
    assert.deepEqual(errorsOf(schema), [
      `${P}.properties[list].items.x-kubernetes-validations[0].rule: Invalid value: "self == oldSelf": oldSelf cannot be used on the uncorrelatable portion of the schema within ${P}.properties[list]`,
    ]);
  });

  it("rejects rules whose estimated cost is too high", () => {
    const schema: JSONSchemaProps = {
      type: "object",
      properties: {
        list: {
          type: "array",
          items: { type: "string" },
          "x-kubernetes-validations": [{ rule: "self.all(x, self.all(y, x.startsWith(y)))" }],
        },
      },
    };
    const errs = errorsOf(schema);
    assert.ok(
      errs.includes(
        `${P}.properties[list].x-kubernetes-validations[0].rule: Forbidden: estimated rule cost exceeds budget by factor of more than 100x (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)`,
      ),
      errs.join("\n"),
    );
    // With bounds the same rule is cheap enough.
    const bounded: JSONSchemaProps = {
      type: "object",
      properties: {
        list: { type: "array", maxItems: 10, items: { type: "string", maxLength: 10 }, "x-kubernetes-validations": [{ rule: "self.all(x, self.all(y, x.startsWith(y)))" }] },
      },
    };
    assert.deepEqual(errorsOf(bounded), []);
  });
});
