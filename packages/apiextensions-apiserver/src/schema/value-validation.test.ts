import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validateListSetsAndMaps } from "./list-type-validation.js";
import { validateEmbeddedResources } from "./object-meta.js";
import { toStructural } from "./structural.js";
import type { JSONSchemaProps } from "./types.js";
import { validateValue } from "./value-validation.js";

const spec = (properties: Record<string, JSONSchemaProps>, extra: JSONSchemaProps = {}) =>
  toStructural({ type: "object", properties: { spec: { type: "object", properties, ...extra } } });
const errs = (schema: ReturnType<typeof spec>, obj: unknown, old?: unknown) =>
  validateValue(obj, schema, old === undefined ? {} : { old }).map(String);

describe("value validation", () => {
  it("types", () => {
    const s = spec({ replicas: { type: "integer" }, ratio: { type: "number" }, on: { type: "boolean" }, tags: { type: "array", items: { type: "string" } } });
    assert.deepEqual(errs(s, { spec: { replicas: "3", ratio: 1, on: true, tags: ["a", 1.5] } }), [
      `spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"`,
      `spec.tags[1]: Invalid value: "number": spec.tags[1] in body must be of type string: "number"`,
    ]);
    assert.deepEqual(errs(s, { spec: { replicas: null } }), [`spec.replicas: Invalid value: "null": spec.replicas in body must be of type integer: "null"`]);
  });

  it("nullable and int-or-string", () => {
    const s = spec({ n: { type: "string", nullable: true }, port: { "x-kubernetes-int-or-string": true } });
    assert.deepEqual(errs(s, { spec: { n: null, port: 80 } }), []);
    assert.deepEqual(errs(s, { spec: { port: "http" } }), []);
    assert.deepEqual(errs(s, { spec: { port: true } }), [`spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"`]);
  });

  it("numbers: minimum, maximum, exclusives, multipleOf", () => {
    const s = spec({
      a: { type: "integer", minimum: 1, maximum: 10 },
      b: { type: "number", minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: true },
      c: { type: "integer", multipleOf: 5 },
    });
    assert.deepEqual(errs(s, { spec: { a: 15, b: 0, c: 7 } }), [
      "spec.a: Invalid value: 15: spec.a in body should be less than or equal to 10",
      "spec.b: Invalid value: 0: spec.b in body should be greater than 0",
      "spec.c: Invalid value: 7: spec.c in body should be a multiple of 5",
    ]);
    assert.deepEqual(errs(s, { spec: { a: 0, b: 1 } }), [
      "spec.a: Invalid value: 0: spec.a in body should be greater than or equal to 1",
      "spec.b: Invalid value: 1: spec.b in body should be less than 1",
    ]);
  });

  it("strings: lengths, pattern, enum, formats", () => {
    const s = spec({
      name: { type: "string", minLength: 3, maxLength: 5 },
      cron: { type: "string", pattern: "^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$" },
      mode: { type: "string", enum: ["a", "b"] },
      level: { type: "integer", enum: [1, 2] },
      id: { type: "string", format: "uuid" },
      at: { type: "string", format: "date-time" },
      ip: { type: "string", format: "ipv4" },
      made: { type: "string", format: "unknown-format" },
    });
    assert.deepEqual(
      errs(s, { spec: { name: "ab", cron: "* * * *", mode: "c", level: 3, id: "nope", at: "2020-13-01T00:00:00Z", ip: "1.2.3", made: "x" } }),
      [
        `spec.name: Invalid value: "ab": spec.name in body should be at least 3 chars long`,
        `spec.cron: Invalid value: "* * * *": spec.cron in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'`,
        `spec.mode: Unsupported value: "c": supported values: "a", "b"`,
        `spec.level: Unsupported value: 3: supported values: "1", "2"`,
        `spec.id: Invalid value: "nope": spec.id in body must be of type uuid: "nope"`,
        `spec.at: Invalid value: "2020-13-01T00:00:00Z": spec.at in body must be of type date-time: "2020-13-01T00:00:00Z"`,
        `spec.ip: Invalid value: "1.2.3": spec.ip in body must be of type ipv4: "1.2.3"`,
      ],
    );
    assert.deepEqual(errs(s, { spec: { name: "abcdef" } }), ["spec.name: Too long: may not be more than 5 bytes"]);
    assert.deepEqual(
      errs(s, { spec: { name: "héllo", id: "123e4567-e89b-12d3-a456-426614174000", at: "2020-01-01T10:00:00.5+02:00", ip: "10.0.0.1", cron: "*/5 * * * *" } }),
      [],
    );
  });

  it("lists, objects: counts and required", () => {
    const s = spec(
      {
        list: { type: "array", minItems: 1, maxItems: 2, items: { type: "string" } },
        map: { type: "object", minProperties: 1, maxProperties: 2, additionalProperties: { type: "integer" } },
        image: { type: "string" },
      },
      { required: ["image"] },
    );
    assert.deepEqual(errs(s, { spec: { list: ["a", "b", "c"], map: { a: 1, b: 2, c: "x" } } }), [
      "spec.image: Required value",
      "spec.list: Too many: 3: must have at most 2 items",
      "spec.map: Too many: 3: must have at most 2 items",
      `spec.map.c: Invalid value: "string": spec.map.c in body must be of type integer: "string"`,
    ]);
    assert.deepEqual(errs(s, { spec: { image: "x", list: [], map: {} } }), [
      "spec.list: Invalid value: 0: spec.list in body should have at least 1 items",
      "spec.map: Invalid value: 0: spec.map in body should have at least 1 properties",
    ]);
  });

  it("allOf, anyOf, oneOf, not", () => {
    const s = spec({
      a: { type: "string", anyOf: [{ minLength: 5 }, { pattern: "^x" }] },
      b: { type: "integer", oneOf: [{ minimum: 0 }, { maximum: 10 }] },
      c: { type: "string", not: { enum: ["bad"] } },
      d: { type: "integer", allOf: [{ minimum: 2 }] },
    });
    assert.deepEqual(errs(s, { spec: { a: "ab", b: 5, c: "bad", d: 1 } }), [
      `<nil>: Invalid value: "": "spec.a" must validate at least one schema (anyOf)`,
      `spec.a: Invalid value: "ab": spec.a in body should at least 5 chars long`.replace("should at", "should be at"),
      `<nil>: Invalid value: "": "spec.b" must validate one and only one schema (oneOf). Found 2 valid alternatives`,
      `<nil>: Invalid value: "": "spec.c" must not validate the schema (not)`,
      "spec.d: Invalid value: 1: spec.d in body should be greater than or equal to 2",
    ]);
  });

  it("reports every bad field", () => {
    const s = spec({ items: { type: "array", items: { type: "object", properties: { n: { type: "integer", minimum: 0 } } } } });
    assert.deepEqual(errs(s, { spec: { items: [{ n: -1 }, { n: 1 }, { n: -2 }] } }), [
      "spec.items[0].n: Invalid value: -1: spec.items[0].n in body should be greater than or equal to 0",
      "spec.items[2].n: Invalid value: -2: spec.items[2].n in body should be greater than or equal to 0",
    ]);
  });

  it("ratchets unchanged values on update", () => {
    const s = spec({ a: { type: "string", maxLength: 3 }, b: { type: "string", maxLength: 3 } });
    const old = { spec: { a: "toolong", b: "ok" } };
    assert.deepEqual(errs(s, { spec: { a: "toolong", b: "new" } }, old), []);
    assert.deepEqual(errs(s, { spec: { a: "toolong", b: "changed" } }, old), ["spec.b: Too long: may not be more than 3 bytes"]);
    assert.deepEqual(errs(s, { spec: { a: "stilltoolong", b: "ok" } }, old), ["spec.a: Too long: may not be more than 3 bytes"]);
    // Map list items correlate by key, atomic list items do not.
    const l = spec({
      m: { type: "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["k"], items: { type: "object", properties: { k: { type: "string" }, v: { type: "integer", maximum: 1 } } } },
      a: { type: "array", items: { type: "integer", maximum: 1 } },
    });
    const oldL = { spec: { m: [{ k: "x", v: 5 }], a: [5] } };
    assert.deepEqual(errs(l, { spec: { m: [{ k: "y", v: 0 }, { k: "x", v: 5 }], a: [5, 0] } }, oldL), [
      "spec.a[0]: Invalid value: 5: spec.a[0] in body should be less than or equal to 1",
    ]);
  });
});

describe("list types", () => {
  it("sets have no duplicates, map lists no duplicate keys", () => {
    const s = spec({
      set: { type: "array", "x-kubernetes-list-type": "set", items: { type: "string" } },
      ports: {
        type: "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["port", "protocol"],
        items: { type: "object", properties: { port: { type: "integer" }, protocol: { type: "string", default: "TCP" } } },
      },
    });
    const obj = { spec: { set: ["a", "b", "a"], ports: [{ port: 80 }, { port: 80, protocol: "TCP" }, { port: 80, protocol: "UDP" }] } };
    assert.deepEqual(validateListSetsAndMaps(obj, s).map(String), [
      `spec.set[2]: Duplicate value: "a"`,
      `spec.ports[1]: Duplicate value: {"port":80,"protocol":"TCP"}`,
    ]);
  });
});

describe("embedded resources", () => {
  it("need apiVersion and kind, and valid metadata", () => {
    const s = spec({
      template: { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true },
    });
    assert.deepEqual(validateEmbeddedResources({ spec: { template: { metadata: { labels: { "bad key!": "x" } } } } }, s).map(String), [
      "spec.template.apiVersion: Required value: must not be empty",
      "spec.template.kind: Required value: must not be empty",
      `spec.template.metadata.labels: Invalid value: "bad key!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    ]);
    assert.deepEqual(validateEmbeddedResources({ spec: { template: { apiVersion: "v1", kind: "Pod", metadata: { name: "x" } } } }, s), []);
  });
});
