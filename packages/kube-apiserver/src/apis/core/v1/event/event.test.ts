import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type ResourceStorage, applyStrategicMergePatch } from "@tskube/generic-apiserver";
import { decode, openTestRegistry, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { eventDefinition } from "./definition.js";
import type { Event } from "./schema.js";
import { eventColumns } from "./table.js";

const ev = (name: string, more: Record<string, unknown> = {}): unknown => ({
  apiVersion: "v1",
  kind: "Event",
  metadata: { name, namespace: "default" },
  involvedObject: { kind: "Pod", namespace: "default", name: "web-0" },
  ...more,
});
const causes = (status: { details?: { causes?: { field?: string; message?: string }[] } }) =>
  (status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`);

describe("core/v1 Event", () => {
  let registry: TestCoreRegistry;
  let events: ResourceStorage<Event>;
  before(() => {
    registry = openTestRegistry();
    events = registry.storeFor(eventDefinition);
  });
  after(() => registry.close());

  it("stores a minimal event with the always-present fields", async () => {
    const created = await events.main.create(scope("default"), decode(eventDefinition, ev("e1", { reason: "Started" })));
    assert.deepEqual(
      { involvedObject: created.involvedObject, reportingComponent: created.reportingComponent, reportingInstance: created.reportingInstance },
      { involvedObject: { kind: "Pod", namespace: "default", name: "web-0" }, reportingComponent: "", reportingInstance: "" },
    );
    assert.deepEqual([created.firstTimestamp, created.lastTimestamp, created.eventTime], [null, null, null]);
    assert.deepEqual(created.source, {});
    assert.equal(JSON.stringify(created).includes('"eventTime":null'), true);
    assert.equal(created.metadata.generation, undefined);
  });

  it("checks the involved object's namespace against the event's", async () => {
    const status = await rejects(
      events.main.create(scope("default"), decode(eventDefinition, ev("e2", { involvedObject: { kind: "Pod", namespace: "other", name: "x" } }))),
      422,
    );
    assert.deepEqual(causes(status), ['involvedObject.namespace: Invalid value: "other": does not match event.namespace']);
  });

  it("requires the reporting fields of events with eventTime", async () => {
    const status = await rejects(
      events.main.create(scope("default"), decode(eventDefinition, ev("e3", { eventTime: "2024-01-02T03:04:05.000000Z" }))),
      422,
    );
    assert.deepEqual(causes(status), [
      "reportingComponent: Required value",
      ...causes(status).filter((c) => c.startsWith('reportingComponent: Invalid value: "": name part')),
      "reportingInstance: Required value",
      "action: Required value",
      "reason: Required value",
    ]);
    const ok = await events.main.create(
      scope("default"),
      decode(
        eventDefinition,
        ev("e4", { eventTime: "2024-01-02T03:04:05.000000Z", reportingComponent: "example.com/ctl", reportingInstance: "ctl-1", action: "Sync", reason: "Synced" }),
      ),
    );
    assert.equal(ok.reportingComponent, "example.com/ctl");
  });

  it("prints the columns as upstream's printer does", async () => {
    const now = Date.parse("2024-01-02T03:10:05Z");
    const old: Event = {
      metadata: { name: "web-0.1" },
      involvedObject: { kind: "Pod", name: "web-0", fieldPath: "spec.containers{web}" },
      type: "Warning",
      reason: "BackOff",
      message: "  Back-off restarting  ",
      source: { component: "kubelet", host: "node-1" },
      firstTimestamp: "2024-01-02T03:00:05Z",
      lastTimestamp: "2024-01-02T03:09:05Z",
      count: 7,
      reportingComponent: "",
      reportingInstance: "",
    };
    const cells = (e: Event) => Object.fromEntries(eventColumns.map((c) => [c.name, c.cell(e)]));
    const row = cells(old);
    assert.deepEqual(
      { ...row, "Last Seen": undefined, "First Seen": undefined },
      {
        "Last Seen": undefined,
        Type: "Warning",
        Reason: "BackOff",
        Object: "pod/web-0",
        Subobject: "spec.containers{web}",
        Source: "kubelet, node-1",
        Message: "Back-off restarting",
        "First Seen": undefined,
        Count: 7,
        Name: "web-0.1",
      },
    );
    const { lastSeen, firstSeen } = await import("./table.js");
    assert.equal(lastSeen(old, now), "60s");
    assert.equal(firstSeen(old, now), "10m");
    const newer: Event = {
      metadata: { name: "n" },
      involvedObject: { kind: "Node" },
      eventTime: "2024-01-02T03:05:05.000000Z",
      reportingComponent: "ctl",
      reportingInstance: "i",
    };
    assert.equal(lastSeen(newer, now), "5m");
    assert.equal(cells(newer).Count, 1);
    assert.equal(cells(newer).Object, "node");
    assert.equal(cells(newer).Source, "ctl, i");
    assert.equal(lastSeen({ ...newer, series: { count: 3, lastObservedTime: "2024-01-02T03:09:35.000000Z" } }, now), "30s");
    assert.equal(cells({ ...newer, series: { count: 3 } }).Count, 3);
    assert.deepEqual(
      eventColumns.filter((c) => !c.priority).map((c) => c.name),
      ["Last Seen", "Type", "Reason", "Object", "Message"],
    );
  });

  it("can be selected by the involved object, reason, source and type", () => {
    const e = decode(eventDefinition, ev("s", { reason: "Killing", type: "Normal", reportingComponent: "kubelet" })) as Event;
    e.involvedObject = { ...e.involvedObject, uid: "u1", apiVersion: "v1", resourceVersion: "9", fieldPath: "f" };
    const fields = eventDefinition.selectableFields ?? {};
    const values = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f(e)]));
    assert.deepEqual(values, {
      "involvedObject.kind": "Pod",
      "involvedObject.namespace": "default",
      "involvedObject.name": "web-0",
      "involvedObject.uid": "u1",
      "involvedObject.apiVersion": "v1",
      "involvedObject.resourceVersion": "9",
      "involvedObject.fieldPath": "f",
      reason: "Killing",
      reportingComponent: "kubelet",
      source: "kubelet",
      type: "Normal",
    });
  });

  it("merges in a strategic merge patch as a plain object (no lists with keys)", () => {
    const current = decode(eventDefinition, ev("p", { count: 1, source: { component: "a" } }));
    const patched = applyStrategicMergePatch(current, { count: 2, source: { host: "h" } }, eventDefinition.schema) as Event;
    assert.equal(patched.count, 2);
    assert.deepEqual(patched.source, { component: "a", host: "h" });
  });

  it("keeps every field through decoding", () => {
    const ref = { kind: "Pod", namespace: "default", name: "web-0", uid: "u", apiVersion: "v1", resourceVersion: "3", fieldPath: "spec" };
    const full = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "full", namespace: "default" },
      involvedObject: ref,
      reason: "Pulled",
      message: "pulled",
      source: { component: "kubelet", host: "node-1" },
      firstTimestamp: "2024-01-02T03:04:05Z",
      lastTimestamp: "2024-01-02T03:04:06Z",
      count: 2,
      type: "Normal",
      eventTime: "2024-01-02T03:04:05.123456Z",
      series: { count: 2, lastObservedTime: "2024-01-02T03:04:06.000000Z" },
      action: "Pull",
      related: { ...ref, kind: "Node", name: "node-1" },
      reportingComponent: "kubelet",
      reportingInstance: "node-1",
    };
    assert.deepEqual(decode(eventDefinition, structuredClone(full)), full);
  });
});
