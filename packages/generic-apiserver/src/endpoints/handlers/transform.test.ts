import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type KubeObject, isStatusError } from "@tskube/apimachinery";
import { widgetDefinition } from "../test-support.js";
import { asTable, tableColumnsForDefinition, transformObject } from "./transform.js";

const now = Date.parse("2024-01-01T00:10:00Z");
const widget: KubeObject = {
  apiVersion: "example.com/v1",
  kind: "Widget",
  metadata: { name: "w1", namespace: "ns", labels: { app: "a" }, creationTimestamp: "2024-01-01T00:00:00Z", resourceVersion: "7" },
  spec: { replicas: 3, size: "large" },
};
const list = {
  apiVersion: "example.com/v1",
  kind: "WidgetList",
  metadata: { resourceVersion: "9", continue: "tok" },
  items: [widget],
};
const columns = tableColumnsForDefinition(widgetDefinition);
const tableInput = { columns, options: { includeObject: "Metadata" as const }, headers: true, apiVersion: "example.com/v1", kind: "Widget", now };

describe("Table", () => {
  it("has Name first, the resource's columns, then Age", () => {
    const table = asTable(list, { ...tableInput, version: "v1" });
    assert.equal(table.apiVersion, "meta.k8s.io/v1");
    assert.equal(table.kind, "Table");
    assert.deepEqual(table.metadata, { resourceVersion: "9", continue: "tok" });
    assert.deepEqual(
      table.columnDefinitions?.map((c) => [c.name, c.type, c.format, c.priority]),
      [
        ["Name", "string", "name", 0],
        ["Replicas", "integer", "", 0],
        ["Size", "string", "", 1],
        ["Age", "string", "", 0],
      ],
    );
    assert.ok(table.columnDefinitions?.every((c) => c.description.length > 0));
    assert.deepEqual(table.rows, [
      {
        cells: ["w1", 3, "large", "10m"],
        object: { apiVersion: "meta.k8s.io/v1", kind: "PartialObjectMetadata", metadata: widget.metadata },
      },
    ]);
  });

  it("includes the whole object, or none, as asked", () => {
    const whole = asTable(widget, { ...tableInput, version: "v1", options: { includeObject: "Object" } });
    assert.deepEqual(whole.rows[0]!.object, widget);
    assert.deepEqual(whole.metadata, { resourceVersion: "7" });
    const none = asTable(widget, { ...tableInput, version: "v1beta1", options: { includeObject: "None" }, headers: false });
    assert.equal(none.apiVersion, "meta.k8s.io/v1beta1");
    assert.equal(none.rows[0]!.object, null);
    assert.equal(none.columnDefinitions, null);
  });

  it("leaves Age out when the definition asks for no Age column", () => {
    const names = tableColumnsForDefinition({ ...widgetDefinition, ageColumn: false }).map((c) => c.name);
    assert.deepEqual(names, ["Name", "Replicas", "Size"]);
  });

  it("makes a bookmark a Table without rows", () => {
    const table = asTable({ metadata: { resourceVersion: "12" } }, { ...tableInput, version: "v1" }, true);
    assert.deepEqual(table.rows, []);
    assert.deepEqual(table.metadata, { resourceVersion: "12" });
  });
});

describe("transformObject", () => {
  it("gives the metadata of an object or of a list's items", () => {
    assert.deepEqual(transformObject(widget, { kind: "PartialObjectMetadata", version: "v1" }, undefined), {
      apiVersion: "meta.k8s.io/v1",
      kind: "PartialObjectMetadata",
      metadata: widget.metadata,
    });
    assert.deepEqual(transformObject(list, { kind: "PartialObjectMetadataList", version: "v1beta1" }, undefined), {
      apiVersion: "meta.k8s.io/v1beta1",
      kind: "PartialObjectMetadataList",
      metadata: { resourceVersion: "9", continue: "tok" },
      items: [{ apiVersion: "meta.k8s.io/v1beta1", kind: "PartialObjectMetadata", metadata: widget.metadata }],
    });
  });

  it("answers 406 for a list as one object's metadata and the other way round", () => {
    const notAcceptable = (err: unknown) => isStatusError(err) && err.code === 406 && err.reason === "NotAcceptable";
    assert.throws(() => transformObject(list, { kind: "PartialObjectMetadata", version: "v1" }, undefined), notAcceptable);
    assert.throws(() => transformObject(widget, { kind: "PartialObjectMetadataList", version: "v1" }, undefined), notAcceptable);
  });

  it("never transforms a Status", () => {
    const status = { kind: "Status", apiVersion: "v1", status: "Success" };
    assert.equal(transformObject(status, { kind: "Table", version: "v1" }, tableInput), status);
  });
});
