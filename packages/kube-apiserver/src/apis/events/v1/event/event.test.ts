import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parseFieldSelector } from "@tskube/apimachinery";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import type { Event as CoreEvent } from "../../../core/v1/event/schema.js";
import { causes, decode, openTestRegistry, put, rejects, scope, type TestCoreRegistry } from "../../../test-support.js";
import { eventsV1Store } from "../group.js";
import { fromCoreEvent, toCoreEvent } from "./conversion.js";
import { eventDefinition } from "./definition.js";
import type { Event } from "./schema.js";
import { eventColumns } from "./table.js";


/** A valid new-style event. */
const ev = (name: string, more: Record<string, unknown> = {}): unknown => ({
  apiVersion: "events.k8s.io/v1",
  kind: "Event",
  metadata: { name, namespace: "default" },
  eventTime: "2024-01-02T03:04:05.000000Z",
  reportingController: "example.com/ctl",
  reportingInstance: "ctl-1",
  action: "Sync",
  reason: "Synced",
  type: "Normal",
  regarding: { kind: "Pod", namespace: "default", name: "web-0" },
  note: "synced the pod",
  ...more,
});

describe("events.k8s.io/v1 Event", () => {
  let registry: TestCoreRegistry;
  let events: ResourceStorage<Event>;
  before(() => {
    registry = openTestRegistry();
    events = eventsV1Store(registry.storage);
  });
  after(() => registry.close());

  it("converts to core/v1 and back without losing a field", () => {
    const ref = { kind: "Pod", namespace: "default", name: "web-0", uid: "u", apiVersion: "v1", resourceVersion: "3", fieldPath: "spec" };
    const full: Event = {
      apiVersion: "events.k8s.io/v1",
      kind: "Event",
      metadata: { name: "full", namespace: "default" },
      eventTime: "2024-01-02T03:04:05.123456Z",
      series: { count: 2, lastObservedTime: "2024-01-02T03:04:06.000000Z" },
      reportingController: "kubelet",
      reportingInstance: "node-1",
      action: "Pull",
      reason: "Pulled",
      regarding: ref,
      related: { ...ref, kind: "Node", name: "node-1" },
      note: "pulled",
      type: "Normal",
      deprecatedSource: { component: "kubelet", host: "node-1" },
      deprecatedFirstTimestamp: "2024-01-02T03:04:05Z",
      deprecatedLastTimestamp: "2024-01-02T03:04:06Z",
      deprecatedCount: 2,
    };
    const core = toCoreEvent(full);
    assert.deepEqual(
      [core.apiVersion, core.involvedObject, core.message, core.source, core.firstTimestamp, core.lastTimestamp, core.count],
      ["v1", ref, "pulled", { component: "kubelet", host: "node-1" }, "2024-01-02T03:04:05Z", "2024-01-02T03:04:06Z", 2],
    );
    assert.deepEqual([core.reportingComponent, core.reportingInstance], ["kubelet", "node-1"]);
    assert.deepEqual(fromCoreEvent(core), full);
    // An old-style core event: the fields upstream always writes come out empty.
    const old: CoreEvent = { metadata: { name: "o" }, involvedObject: { kind: "Pod", name: "p" }, reason: "Started", message: "m", count: 3 };
    assert.deepEqual(fromCoreEvent(old), {
      apiVersion: "events.k8s.io/v1",
      kind: "Event",
      metadata: { name: "o" },
      eventTime: null,
      reason: "Started",
      regarding: { kind: "Pod", name: "p" },
      note: "m",
      deprecatedSource: {},
      deprecatedFirstTimestamp: null,
      deprecatedLastTimestamp: null,
      deprecatedCount: 3,
    });
    assert.deepEqual(toCoreEvent(fromCoreEvent(old)), {
      apiVersion: "v1",
      kind: "Event",
      ...old,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: null,
      reportingComponent: "",
      reportingInstance: "",
    });
  });

  it("creates a new-style event and serves it in this version's shape", async () => {
    const created = await events.main.create(scope("default"), decode(eventDefinition, ev("e1")));
    assert.equal(created.apiVersion, "events.k8s.io/v1");
    assert.equal(created.note, "synced the pod");
    assert.deepEqual(created.regarding, { kind: "Pod", namespace: "default", name: "web-0" });
    assert.deepEqual(created.deprecatedSource, {});
    assert.deepEqual([created.deprecatedFirstTimestamp, created.deprecatedLastTimestamp], [null, null]);
    assert.equal(created.metadata.generation, undefined);
    assert.match(created.metadata.uid ?? "", /^[0-9a-f-]{36}$/);
    const got = await events.main.get(scope("default"), "e1");
    assert.deepEqual(got, created);
  });

  it("requires what upstream requires of new events", async () => {
    const bare = { apiVersion: "events.k8s.io/v1", kind: "Event", metadata: { name: "bare", namespace: "default" } };
    const status = await rejects(events.main.create(scope("default"), decode(eventDefinition, bare)), 422);
    assert.equal(status.details?.kind, "Event");
    assert.deepEqual(causes(status), ["eventTime: Required value", 'type: Invalid value: "": has invalid value: ']);

    const noReporter = ev("e2", { reportingController: undefined, reportingInstance: undefined, action: undefined, type: "Info" });
    const status2 = await rejects(events.main.create(scope("default"), decode(eventDefinition, noReporter)), 422);
    assert.deepEqual(causes(status2).filter((c) => !c.includes("name part")), [
      "reportingController: Required value",
      "reportingInstance: Required value",
      "action: Required value",
      'type: Invalid value: "": has invalid value: Info',
    ]);

    const legacyFields = ev("e3", {
      deprecatedSource: { component: "kubelet" },
      deprecatedCount: 2,
      deprecatedFirstTimestamp: "2024-01-02T03:04:05Z",
      series: { count: 1 },
      note: "x".repeat(1025),
      regarding: { kind: "Pod", namespace: "other", name: "p" },
    });
    const status3 = await rejects(events.main.create(scope("default"), decode(eventDefinition, legacyFields)), 422);
    assert.deepEqual(causes(status3), [
      'message: Invalid value: "": can have at most 1024 characters',
      'series.count: Invalid value: "": should be at least 2',
      "series.lastObservedTime: Required value",
      'firstTimestamp: Invalid value: "": needs to be unset',
      'count: Invalid value: "": needs to be unset',
      'source: Invalid value: "": needs to be unset',
    ]);
    // (A new-style event may be about an object in another namespace.)
  });

  it("allows only the series to change", async () => {
    await events.main.create(scope("default"), decode(eventDefinition, ev("u1")));
    const series = { count: 2, lastObservedTime: "2024-01-02T03:05:05.000000Z" };
    const { object } = await events.main.update(scope("default"), "u1", put(eventDefinition, ev("u1", { series })));
    assert.deepEqual(object.series, series);
    const status = await rejects(
      events.main.update(scope("default"), "u1", put(eventDefinition, ev("u1", { series, note: "changed", reason: "Other" }))),
      422,
    );
    assert.deepEqual(causes(status), [
      'reason: Invalid value: "Other": field is immutable',
      'message: Invalid value: "changed": field is immutable',
      'reason: Invalid value: "Other": field is immutable',
    ]);
    const badSeries = await rejects(
      events.main.update(scope("default"), "u1", put(eventDefinition, ev("u1", { series: { count: 1, lastObservedTime: series.lastObservedTime } }))),
      422,
    );
    assert.deepEqual(causes(badSeries), ['series.count: Invalid value: "": should be at least 2']);
    // PUT of a missing event creates it, as reporters expect.
    const { created } = await events.main.update(scope("default"), "u2", put(eventDefinition, ev("u2")));
    assert.equal(created, true);
  });

  it("selects by this version's field names", async () => {
    await events.main.create(scope("default"), decode(eventDefinition, ev("s1", { regarding: { kind: "Node", name: "n1" }, type: "Warning" })));
    const list = await events.main.list(scope("default"), { fieldSelector: parseFieldSelector("regarding.kind=Node,regarding.name=n1,type=Warning") });
    assert.deepEqual(list.items.map((e) => e.metadata.name), ["s1"]);
    const bySource = await events.main.list(scope("default"), { fieldSelector: parseFieldSelector("source=example.com/ctl,reportingController=example.com/ctl,metadata.name=s1") });
    assert.deepEqual(bySource.items.map((e) => e.metadata.name), ["s1"]);
    const e = decode(eventDefinition, ev("v", { regarding: { kind: "Pod", namespace: "default", name: "p", uid: "u1", apiVersion: "v1", resourceVersion: "9", fieldPath: "f" } }));
    const values = Object.fromEntries(Object.entries(eventDefinition.selectableFields ?? {}).map(([k, f]) => [k, f(e)]));
    assert.deepEqual(values, {
      "regarding.kind": "Pod",
      "regarding.namespace": "default",
      "regarding.name": "p",
      "regarding.uid": "u1",
      "regarding.apiVersion": "v1",
      "regarding.resourceVersion": "9",
      "regarding.fieldPath": "f",
      reason: "Synced",
      reportingController: "example.com/ctl",
      source: "example.com/ctl",
      type: "Normal",
    });
    const status = await rejects(events.main.list(scope("default"), { fieldSelector: parseFieldSelector("involvedObject.name=n1") }), 400);
    assert.equal(status.message, "field label not supported: involvedObject.name");
  });

  it("prints the columns of core events", () => {
    const e = decode(eventDefinition, ev("t", { type: "Warning", deprecatedSource: { component: "kubelet", host: "node-1" } }));
    const cells = Object.fromEntries(eventColumns.map((c) => [c.name, c.cell(e)]));
    assert.deepEqual(
      { Type: cells.Type, Reason: cells.Reason, Object: cells.Object, Message: cells.Message, Source: cells.Source, Count: cells.Count, Name: cells.Name },
      { Type: "Warning", Reason: "Synced", Object: "pod/web-0", Message: "synced the pod", Source: "kubelet, node-1", Count: 1, Name: "t" },
    );
    assert.deepEqual(
      eventColumns.filter((c) => !c.priority).map((c) => c.name),
      ["Last Seen", "Type", "Reason", "Object", "Message"],
    );
  });

  it("deletes, and dry runs change nothing", async () => {
    await events.main.create({ ...scope("default"), dryRun: true }, decode(eventDefinition, ev("d0")));
    await rejects(events.main.get(scope("default"), "d0"), 404);
    await events.main.create(scope("default"), decode(eventDefinition, ev("d1")));
    const { object, deleted } = await events.main.delete(scope("default"), "d1", {});
    assert.equal(deleted, true);
    assert.equal(object.note, "synced the pod");
    const status = await rejects(events.main.get(scope("default"), "d1"), 404);
    assert.equal(status.message, 'events.events.k8s.io "d1" not found');
  });
});
