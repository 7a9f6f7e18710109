import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type KubeObject, isStatusError } from "@tskube/apimachinery";
import { WidgetSchema } from "../test-support.js";
import { type FieldValidation, type ObjectType, decodeObjectBody, summarizeData, unknownFields } from "./decode.js";
import { scanJSONKeys } from "./json-keys.js";

const widgetType: ObjectType = {
  group: "example.com",
  version: "v1",
  kind: "Widget",
  schema: WidgetSchema as ObjectType["schema"],
  applyDefaults: (obj) => {
    const spec = (obj.spec ??= {}) as { size?: string };
    spec.size ??= "medium";
  },
};

function decode(body: string, fieldValidation: FieldValidation = "Strict", format: "json" | "yaml" = "json") {
  const warnings: string[] = [];
  const obj = decodeObjectBody(Buffer.from(body), format, widgetType, { fieldValidation, warnings });
  return { obj, warnings };
}

function badRequest(body: string, fieldValidation: FieldValidation = "Strict", format: "json" | "yaml" = "json"): string {
  try {
    decode(body, fieldValidation, format);
  } catch (err) {
    assert.ok(isStatusError(err), String(err));
    assert.equal(err.code, 400);
    assert.equal(err.reason, "BadRequest");
    return err.status.message ?? "";
  }
  assert.fail("expected a 400");
}

// Unknown and duplicate fields, in the places upstream's field validation test puts them.
const INVALID_JSON = `{
  "apiVersion": "example.com/v1",
  "kind": "Widget",
  "metadata": {"name": "dupename", "name": "w1", "labels": {"app": "x"}, "unknownMeta": "metaVal"},
  "spec": {
    "unknown1": "val1",
    "unknownDupe": "valDupe",
    "unknownDupe": "valDupe2",
    "paused": true,
    "paused": false,
    "containers": [{"name": "c", "image": "i", "unknownNested": "v", "imagePullPolicy": "Always", "imagePullPolicy": "Never"}]
  }
}`;

const EXPECTED_STRICT_ERRORS = [
  'duplicate field "metadata.name"',
  'unknown field "metadata.unknownMeta"',
  'unknown field "spec.unknown1"',
  'unknown field "spec.unknownDupe"',
  'duplicate field "spec.paused"',
  'unknown field "spec.containers[0].unknownNested"',
  'duplicate field "spec.containers[0].imagePullPolicy"',
];

describe("scanJSONKeys", () => {
  it("lists every key in document order with its path, marking repeats", () => {
    const keys = scanJSONKeys('{"a": {"b": [1, {"c": "x,}]", "c": null}], "b": 2}, "a": [], "d\\"q": true}');
    assert.deepEqual(keys, [
      { path: "a", duplicate: false },
      { path: "a.b", duplicate: false },
      { path: "a.b[1].c", duplicate: false },
      { path: "a.b[1].c", duplicate: true },
      { path: "a.b", duplicate: true },
      { path: "a", duplicate: true },
      { path: 'd"q', duplicate: false },
    ]);
  });

  it("handles scalars, empty containers and deep nesting", () => {
    assert.deepEqual(scanJSONKeys("42"), []);
    assert.deepEqual(scanJSONKeys("{}"), []);
    const deep = `${"[".repeat(20000)}${"]".repeat(20000)}`;
    assert.deepEqual(scanJSONKeys(deep), []);
  });
});

describe("unknownFields", () => {
  it("reports the outermost dropped key, but not null-valued known fields", () => {
    const input = { apiVersion: "x", metadata: { creationTimestamp: null, foo: { bar: 1 } }, spec: { replicas: 1 } };
    const decoded = { apiVersion: "x", metadata: {}, spec: { replicas: 1 } };
    assert.deepEqual(unknownFields(input, decoded, false), ["metadata.foo"]);
  });
});

describe("decodeObjectBody", () => {
  it("decodes, defaults, and fills in apiVersion and kind when absent", () => {
    const { obj, warnings } = decode('{"metadata": {"name": "w1"}, "spec": {"replicas": 2}}');
    assert.deepEqual(obj, { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w1" }, spec: { replicas: 2, size: "medium" } });
    assert.deepEqual(warnings, []);
  });

  it("Strict: rejects unknown and duplicate fields with upstream's message, in document order", () => {
    const message = badRequest(INVALID_JSON, "Strict");
    assert.equal(message, `Widget in version "v1" cannot be handled as a Widget: strict decoding error: ${EXPECTED_STRICT_ERRORS.join(", ")}`);
  });

  it("Warn: decodes and returns one warning per problem", () => {
    const { obj, warnings } = decode(INVALID_JSON, "Warn");
    assert.deepEqual(warnings, EXPECTED_STRICT_ERRORS);
    assert.equal(obj.metadata.name, "w1"); // the last of two keys wins
    assert.deepEqual((obj.spec as { paused?: boolean }).paused, false);
    assert.equal("unknown1" in (obj.spec as object), false);
  });

  it("Ignore: drops unknown fields silently", () => {
    const { obj, warnings } = decode(INVALID_JSON, "Ignore");
    assert.deepEqual(warnings, []);
    assert.equal("unknownMeta" in obj.metadata, false);
  });

  it("YAML: duplicate keys with their lines, then unknown fields in key order", () => {
    const yaml = [
      "apiVersion: example.com/v1",
      "kind: Widget",
      "metadata:",
      "  name: dupename",
      "  name: w1",
      "  unknownMeta: x",
      "spec:",
      "  zeta: 1",
      "  paused: true",
      "  paused: false",
      "  alpha: 2",
    ].join("\n");
    assert.equal(
      badRequest(yaml, "Strict", "yaml"),
      'Widget in version "v1" cannot be handled as a Widget: strict decoding error: yaml: unmarshal errors:\n' +
        '  line 5: key "name" already set in map\n  line 10: key "paused" already set in map, ' +
        'unknown field "metadata.unknownMeta", unknown field "spec.alpha", unknown field "spec.zeta"',
    );
    const { obj, warnings } = decode(yaml, "Warn", "yaml");
    assert.deepEqual(warnings, [
      'line 5: key "name" already set in map',
      'line 10: key "paused" already set in map',
      'unknown field "metadata.unknownMeta"',
      'unknown field "spec.alpha"',
      'unknown field "spec.zeta"',
    ]);
    assert.equal(obj.metadata.name, "w1");
  });

  it("rejects malformed JSON and YAML as unrecognized objects", () => {
    assert.match(
      badRequest('{"apiVersion": "example.com/v1", "kind": '),
      /^the object provided is unrecognized \(must be of type Widget\): couldn't get version\/kind; json parse error: .+ \(\{"apiVersion": "example.com\/v1 \.\.\.\)$/,
    );
    assert.equal(
      badRequest(""),
      "the object provided is unrecognized (must be of type Widget): couldn't get version/kind; json parse error: unexpected end of JSON input (<empty>)",
    );
    assert.match(badRequest("[1]"), /expected an object, got an array \(5b315d\)$/);
    assert.match(badRequest("a: [\n", "Strict", "yaml"), /couldn't get version\/kind; error converting YAML to JSON: yaml: /);
  });

  it("rejects another kind or API version than the endpoint's", () => {
    assert.equal(
      badRequest('{"apiVersion": "example.com/v1", "kind": "Gadget", "metadata": {"name": "g"}}'),
      'Gadget in version "v1" cannot be handled as a Widget: the kind in the data (Gadget) does not match the expected kind (Widget)',
    );
    assert.equal(
      badRequest('{"apiVersion": "example.com/v2", "kind": "Widget", "metadata": {"name": "w"}}'),
      "the API version in the data (example.com/v2) does not match the expected API version (example.com/v1)",
    );
  });

  it("rejects values of the wrong type with the field path", () => {
    assert.match(
      badRequest('{"metadata": {"name": "w"}, "spec": {"replicas": "two", "containers": [{"image": "x"}]}}'),
      /^Widget in version "v1" cannot be handled as a Widget: spec\.replicas: .+, spec\.containers\[0\]\.name: .+$/,
    );
  });
});

describe("summarizeData", () => {
  it("shows JSON-looking bodies as text and others as hex, up to 30 bytes", () => {
    assert.equal(summarizeData(Buffer.from("")), "<empty>");
    assert.equal(summarizeData(Buffer.from('{"a":1}')), '{"a":1}');
    assert.equal(summarizeData(Buffer.from(`{"a":"${"x".repeat(40)}"}`)), `{"a":"${"x".repeat(24)} ...`);
    assert.equal(summarizeData(Buffer.from("ab")), "6162");
  });
});

// The schema type is KubeObject-shaped: a decoded widget can be used as one.
const _typecheck: KubeObject = decode('{"metadata":{"name":"x"}}').obj;
void _typecheck;
