// The protobuf form of /openapi/v2: gnostic's openapi.v2.Document, read back
// here field by field with the wire reader (kubectl's own reading is checked
// end to end, by `kubectl create -f` of kinds without PATCH).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readFields, type WireField } from "@tskube/apimachinery";
import { coreGroup, widgetGroup } from "../discovery/testing/fixtures.js";
import { DiscoveryManager } from "../discovery/manager.js";
import { swaggerToProtobuf } from "./protobuf-v2.js";
import { OpenAPIService } from "./service.js";
import type { V2Document } from "./types.js";

const text = (f: WireField | undefined) => Buffer.from(f?.bytes ?? []).toString("utf8");
const field = (fields: WireField[], number: number) => fields.find((f) => f.number === number);
const fieldsOf = (f: WireField | undefined) => readFields(f?.bytes ?? new Uint8Array());
/** Repeated (name, value) pairs numbered `number`: name -> the value's fields. */
function namedMap(fields: WireField[], number: number): Map<string, WireField[]> {
  return new Map(fields.filter((f) => f.number === number).map((f) => [text(field(readFields(f.bytes), 1)), fieldsOf(field(readFields(f.bytes), 2))]));
}
/** A message's vendor extensions (field `number`), their YAML parsed. */
function extensionsOf(fields: WireField[], number: number): Record<string, unknown> {
  return Object.fromEntries([...namedMap(fields, number)].map(([name, any]) => [name, JSON.parse(text(field(any, 2))) as unknown]));
}

describe("OpenAPI v2 in protobuf", () => {
  const manager = new DiscoveryManager();
  manager.addGroup(coreGroup());
  manager.addGroup(widgetGroup());
  const service = new OpenAPIService(manager, { info: { version: "v1.32.0" } });
  const json = JSON.parse(service.v2().body) as V2Document;
  const doc = readFields(service.v2Protobuf().body);

  it("carries the version, info and every definition with its kinds", () => {
    assert.equal(text(field(doc, 1)), "2.0");
    const info = fieldsOf(field(doc, 2));
    assert.deepEqual([text(field(info, 1)), text(field(info, 2))], ["Kubernetes", "v1.32.0"]);

    const definitions = namedMap(fieldsOf(field(doc, 9)), 1);
    assert.deepEqual([...definitions.keys()], Object.keys(json.definitions));
    const configMap = definitions.get("io.k8s.api.core.v1.ConfigMap") ?? [];
    assert.deepEqual(readFields(field(configMap, 22)?.bytes ?? new Uint8Array()).map(text), ["object"]);
    assert.deepEqual(extensionsOf(configMap, 31)["x-kubernetes-group-version-kind"], [{ group: "", version: "v1", kind: "ConfigMap" }]);
    const properties = namedMap(fieldsOf(field(configMap, 25)), 1);
    assert.ok(properties.has("data") && properties.has("metadata"));
    // data: a map of strings, as additionalProperties { schema { type: string } }.
    const data = properties.get("data") ?? [];
    const additional = fieldsOf(field(data, 21));
    assert.deepEqual(readFields(field(fieldsOf(field(additional, 1)), 22)?.bytes ?? new Uint8Array()).map(text), ["string"]);
    // metadata: a reference.
    assert.equal(text(field(properties.get("metadata") ?? [], 1)), "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
  });

  it("carries every path, with PATCH operations, their query parameters and kinds", () => {
    const paths = namedMap(fieldsOf(field(doc, 8)), 2);
    assert.deepEqual([...paths.keys()], Object.keys(json.paths));
    const [name, item] = [...paths].find(([, fields]) => field(fields, 8) !== undefined) ?? ["", []];
    const patch = fieldsOf(field(item, 8));
    assert.equal(text(field(patch, 5)), json.paths[name]?.patch?.operationId);
    assert.deepEqual(extensionsOf(patch, 13)["x-kubernetes-group-version-kind"], json.paths[name]?.patch?.["x-kubernetes-group-version-kind"]);
    // Parameters: ParametersItem -> Parameter -> NonBodyParameter -> QueryParameterSubSchema (name is field 4).
    const queryNames = patch
      .filter((f) => f.number === 8)
      .map((f) => fieldsOf(field(readFields(f.bytes), 1)))
      .map((parameter) => field(parameter, 2))
      .filter((nonBody) => nonBody !== undefined)
      .map((nonBody) => fieldsOf(field(fieldsOf(nonBody), 3)))
      .map((query) => text(field(query, 4)));
    assert.ok(queryNames.includes("fieldValidation"), queryNames.join(","));
    // The body parameter's schema and the 200 response's schema refer to the kind.
    const body = patch
      .filter((f) => f.number === 8)
      .map((f) => field(fieldsOf(field(readFields(f.bytes), 1)), 1))
      .find((b) => b !== undefined);
    assert.equal(text(field(fieldsOf(body), 2)), "body");
    const responses = namedMap(fieldsOf(field(patch, 9)), 1);
    const ok = fieldsOf(field(responses.get("200") ?? [], 1));
    const schemaRef = text(field(fieldsOf(field(fieldsOf(field(ok, 2)), 1)), 1));
    assert.equal(schemaRef, json.paths[name]?.patch?.responses["200"]?.schema?.$ref);
  });

  it("writes numbers, booleans, lists and free-form values as gnostic does", () => {
    const encoded = readFields(
      swaggerToProtobuf({
        swagger: "2.0",
        definitions: { T: { type: "integer", minimum: 1.5, maxLength: 3, uniqueItems: true, enum: [1, "a"], default: { a: [1] }, "x-custom": true } },
      }),
    );
    const t = namedMap(fieldsOf(field(encoded, 9)), 1).get("T") ?? [];
    assert.equal(Buffer.from(field(t, 9)?.bytes ?? []).readDoubleLE(), 1.5);
    assert.equal(field(t, 11)?.varint, 3n);
    assert.equal(field(t, 16)?.varint, 1n);
    assert.deepEqual(t.filter((f) => f.number === 20).map((f) => JSON.parse(text(field(readFields(f.bytes), 2))) as unknown), [1, "a"]);
    assert.deepEqual(JSON.parse(text(field(fieldsOf(field(t, 5)), 2))), { a: [1] });
    assert.deepEqual(extensionsOf(t, 31), { "x-custom": true });
  });
});
