import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import {
  DeleteOptionsSchema,
  ListMetaSchema,
  ListOptionsSchema,
  MetaLabelSelectorSchema,
  ObjectMetaSchema,
  OwnerReferenceSchema,
  StatusSchema,
  TypeMetaSchema,
  WatchEventSchema,
  formatMicroTime,
  MicroTimeSchema,
  parseMicroTime,
  formatTime,
  now,
  nowMicro,
  type ObjectMeta,
} from "./index.js";

const fullObjectMeta: ObjectMeta = {
  name: "web-1",
  generateName: "web-",
  namespace: "prod",
  selfLink: "/api/v1/namespaces/prod/pods/web-1",
  uid: "0b5e1c6c-4b7a-4f6e-9d0a-1f2e3d4c5b6a",
  resourceVersion: "12345",
  generation: 3,
  creationTimestamp: "2024-01-02T03:04:05Z",
  deletionTimestamp: "2024-01-02T04:00:00Z",
  deletionGracePeriodSeconds: 30,
  labels: { app: "web", "example.com/tier": "front" },
  annotations: { "kubectl.kubernetes.io/last-applied-configuration": '{"a":1}' },
  ownerReferences: [
    { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web", uid: "u-1", controller: true, blockOwnerDeletion: true },
  ],
  finalizers: ["example.com/cleanup"],
  managedFields: [
    {
      manager: "kubectl",
      operation: "Apply",
      apiVersion: "v1",
      time: "2024-01-02T03:04:05Z",
      fieldsType: "FieldsV1",
      fieldsV1: { "f:metadata": { "f:labels": { "f:app": {} } }, "f:spec": { "k:{\"name\":\"c\"}": { ".": {} } } },
      subresource: "",
    },
  ],
};

describe("ObjectMetaSchema", () => {
  it("decodes an ObjectMeta with every field unchanged", () => {
    assert.deepEqual(ObjectMetaSchema.parse(fullObjectMeta), fullObjectMeta);
    // And the JSON form survives a round trip.
    assert.deepEqual(ObjectMetaSchema.parse(JSON.parse(JSON.stringify(fullObjectMeta))), fullObjectMeta);
  });

  it("declares every upstream field", () => {
    assert.deepEqual(Object.keys(ObjectMetaSchema.shape).sort(), Object.keys(fullObjectMeta).sort());
  });

  it("treats null as absent, as kubectl's `creationTimestamp: null` needs", () => {
    const decoded = ObjectMetaSchema.parse({ name: "a", creationTimestamp: null, labels: null });
    assert.equal(decoded.name, "a");
    assert.equal(decoded.creationTimestamp, undefined);
    assert.equal(decoded.labels, undefined);
    assert.equal(JSON.stringify(decoded), '{"name":"a"}');
  });

  it("drops unknown fields, like upstream's decoder", () => {
    assert.deepEqual(ObjectMetaSchema.parse({ name: "a", clusterName: "x" }), { name: "a" });
  });

  it("rejects wrongly typed fields", () => {
    assert.equal(ObjectMetaSchema.safeParse({ name: 1 }).success, false);
    assert.equal(ObjectMetaSchema.safeParse({ generation: 1.5 }).success, false);
    assert.equal(ObjectMetaSchema.safeParse({ labels: { a: 1 } }).success, false);
    assert.equal(ObjectMetaSchema.safeParse({ creationTimestamp: "yesterday" }).success, false);
  });

  it("describes every field", () => {
    const schema = z.toJSONSchema(ObjectMetaSchema) as { properties: Record<string, { description?: string }> };
    for (const [field, property] of Object.entries(schema.properties)) {
      assert.ok(property.description, `${field} has no description`);
    }
  });
});

describe("OwnerReferenceSchema", () => {
  it("fills the always-serialized strings like upstream", () => {
    assert.deepEqual(OwnerReferenceSchema.parse({ name: "x" }), { apiVersion: "", kind: "", name: "x", uid: "" });
  });
});

describe("other meta types", () => {
  it("TypeMeta and ListMeta keep their fields", () => {
    assert.deepEqual(TypeMetaSchema.parse({ apiVersion: "v1", kind: "Pod" }), { apiVersion: "v1", kind: "Pod" });
    const listMeta = { resourceVersion: "10", continue: "tok", remainingItemCount: 5, selfLink: "/x" };
    assert.deepEqual(ListMetaSchema.parse(listMeta), listMeta);
  });

  it("DeleteOptions decodes every field; unknown policies are left to validation", () => {
    const options = {
      kind: "DeleteOptions",
      apiVersion: "v1",
      gracePeriodSeconds: 0,
      preconditions: { uid: "u", resourceVersion: "7" },
      orphanDependents: false,
      propagationPolicy: "Foreground",
      dryRun: ["All"],
      ignoreStoreReadErrorWithClusterBreakingPotential: false,
    };
    assert.deepEqual(DeleteOptionsSchema.parse(options), options);
    assert.equal(DeleteOptionsSchema.parse({ propagationPolicy: "Sideways" }).propagationPolicy, "Sideways");
  });

  it("ListOptions decodes every field", () => {
    const options = {
      labelSelector: "app=web",
      fieldSelector: "metadata.name=x",
      watch: true,
      allowWatchBookmarks: true,
      resourceVersion: "0",
      resourceVersionMatch: "NotOlderThan",
      timeoutSeconds: 60,
      limit: 500,
      continue: "token",
      sendInitialEvents: true,
    };
    assert.deepEqual(ListOptionsSchema.parse(options), options);
  });

  it("MetaLabelSelector decodes expressions, defaulting key and operator to \"\"", () => {
    const selector = { matchLabels: { a: "b" }, matchExpressions: [{ key: "t", operator: "In", values: ["x"] }] };
    assert.deepEqual(MetaLabelSelectorSchema.parse(selector), selector);
    assert.deepEqual(MetaLabelSelectorSchema.parse({ matchExpressions: [{}] }), { matchExpressions: [{ key: "", operator: "" }] });
  });

  it("Status fills kind, apiVersion and metadata", () => {
    const status = StatusSchema.parse({
      status: "Failure",
      message: 'pods "x" not found',
      reason: "NotFound",
      details: { name: "x", kind: "pods", causes: [{ reason: "FieldValueRequired", message: "m", field: "f" }] },
      code: 404,
    });
    assert.equal(status.kind, "Status");
    assert.equal(status.apiVersion, "v1");
    assert.deepEqual(status.metadata, {});
    assert.equal(status.details?.causes?.[0]?.field, "f");
    assert.equal(StatusSchema.safeParse({ status: "Maybe", code: 1 }).success, false);
  });

  it("WatchEvent keeps the whole object", () => {
    const event = { type: "ADDED", object: { kind: "Pod", metadata: { name: "a" }, spec: { anything: [1, 2] } } };
    assert.deepEqual(WatchEventSchema.parse(event), event);
    assert.equal(WatchEventSchema.safeParse({ type: "CHANGED", object: {} }).success, false);
  });
});

describe("time helpers", () => {
  it("formats Time to the second and MicroTime with six digits", () => {
    const date = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    assert.equal(formatTime(date), "2024-01-02T03:04:05Z");
    assert.equal(formatMicroTime(date), "2024-01-02T03:04:05.678000Z");
    assert.equal(formatMicroTime(date, 9), "2024-01-02T03:04:05.678009Z");
  });

  it("now() and nowMicro() have the upstream shapes", () => {
    assert.match(now(), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.match(nowMicro(), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    assert.ok(Math.abs(Date.parse(nowMicro()) - Date.now()) < 5000);
  });
});

describe("MicroTime decoding", () => {
  it("keeps six fractional digits and writes the value in UTC", () => {
    assert.equal(MicroTimeSchema.parse("2024-01-02T03:04:05.123456Z"), "2024-01-02T03:04:05.123456Z");
    assert.equal(MicroTimeSchema.parse("2024-01-02T05:04:05.000001+02:00"), "2024-01-02T03:04:05.000001Z");
    assert.equal(MicroTimeSchema.parse("2024-01-01T23:30:00.000000-01:00"), "2024-01-02T00:30:00.000000Z");
  });

  it("rejects what Go's RFC3339Micro layout rejects, with Go's message", () => {
    const layout = '"2006-01-02T15:04:05.000000Z07:00"';
    assert.deepEqual(parseMicroTime("2024-01-02T03:04:05Z"), { error: `parsing time "2024-01-02T03:04:05Z" as ${layout}: cannot parse "Z" as ".000000"` });
    assert.deepEqual(parseMicroTime("2024-01-02T03:04:05.123Z"), { error: `parsing time "2024-01-02T03:04:05.123Z" as ${layout}: cannot parse ".123Z" as ".000000"` });
    assert.deepEqual(parseMicroTime("2024-13-02T03:04:05.000000Z"), { error: 'parsing time "2024-13-02T03:04:05.000000Z": month out of range' });
    assert.deepEqual(parseMicroTime("2023-02-29T03:04:05.000000Z"), { error: 'parsing time "2023-02-29T03:04:05.000000Z": day out of range' });
    assert.deepEqual(parseMicroTime("yesterday"), { error: `parsing time "yesterday" as ${layout}: cannot parse "yesterday" as "2006"` });
    assert.deepEqual(parseMicroTime("2024-01-02T03:04:05.000000Zjunk"), { error: 'parsing time "2024-01-02T03:04:05.000000Zjunk": extra text: "junk"' });
    const result = MicroTimeSchema.safeParse("2024-01-02T03:04:05Z");
    assert.equal(result.success, false);
    assert.match(result.error?.issues[0]?.message ?? "", /cannot parse "Z" as "\.000000"/);
  });
});
