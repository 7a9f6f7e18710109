// core/v1 and events.k8s.io/v1 Events are one resource: created through
// either API, an event is read, listed and watched through the other, with
// the same resourceVersion, from one Store and one watch cache.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { parseFieldSelector } from "@tskube/apimachinery";
import type { ResourceStorage } from "@tskube/generic-apiserver";
import type { Watch, WatchEvent } from "@tskube/storage";
import type { Event as CoreEvent } from "../../core/v1/event/schema.js";
import { EVENT_TTL_SECONDS, eventDefinition as coreEventDefinition } from "../../core/v1/event/definition.js";
import { decode, openTestRegistry, put, scope, type TestCoreRegistry } from "../../test-support.js";
import { eventDefinition } from "./event/definition.js";
import type { Event } from "./event/schema.js";
import { eventsAPIGroupInfo, eventsV1Store } from "./group.js";

/** The next event of a watch that is not a bookmark, within two seconds. */
async function nextEvent<T extends Event | CoreEvent>(w: Watch<T>): Promise<WatchEvent<T>> {
  const it = w[Symbol.asyncIterator]();
  const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no watch event within 2 s")), 2000).unref());
  for (;;) {
    const r = await Promise.race([it.next(), deadline]);
    if (r.done) throw new Error("watch ended");
    if (r.value.type !== "BOOKMARK") return r.value;
  }
}

const coreBody = (name: string) => ({
  apiVersion: "v1",
  kind: "Event",
  metadata: { name, namespace: "default" },
  involvedObject: { kind: "Pod", namespace: "default", name: "web-0" },
  reason: "BackOff",
  message: "Back-off restarting",
  source: { component: "kubelet", host: "node-1" },
  firstTimestamp: "2024-01-02T03:04:05Z",
  lastTimestamp: "2024-01-02T03:04:05Z",
  count: 1,
  type: "Warning",
});
const newBody = (name: string) => ({
  apiVersion: "events.k8s.io/v1",
  kind: "Event",
  metadata: { name, namespace: "default" },
  eventTime: "2024-01-02T03:04:05.000000Z",
  reportingController: "example.com/ctl",
  reportingInstance: "ctl-1",
  action: "Sync",
  reason: "Synced",
  type: "Normal",
  regarding: { kind: "Deployment", namespace: "default", name: "web" },
  note: "synced",
});

describe("core/v1 and events.k8s.io/v1 Events share one storage", () => {
  let registry: TestCoreRegistry;
  let core: ResourceStorage<CoreEvent>;
  let events: ResourceStorage<Event>;
  before(() => {
    // With the watch cache, as the server runs.
    registry = openTestRegistry({ watchCache: true });
    core = registry.storeFor(coreEventDefinition);
    events = eventsV1Store(registry.storage);
  });
  after(() => registry.close());

  it("serves an event created through core/v1 through events.k8s.io/v1, with the same resourceVersion", async () => {
    const start = await events.main.list(scope("default"), {});
    const watch = await events.main.watch(scope("default"), { resourceVersion: start.metadata.resourceVersion ?? "" });
    try {
      const created = await core.main.create(scope("default"), decode(coreEventDefinition, coreBody("old-style")));
      const rv = created.metadata.resourceVersion;

      const got = await events.main.get(scope("default"), "old-style");
      assert.equal(got.apiVersion, "events.k8s.io/v1");
      assert.equal(got.metadata.resourceVersion, rv);
      assert.equal(got.metadata.uid, created.metadata.uid);
      assert.deepEqual(
        [got.regarding, got.note, got.deprecatedSource, got.deprecatedCount, got.deprecatedFirstTimestamp, got.eventTime],
        [created.involvedObject, "Back-off restarting", { component: "kubelet", host: "node-1" }, 1, "2024-01-02T03:04:05Z", null],
      );

      const listed = await events.main.list(scope("default"), {});
      assert.equal(listed.kind, "EventList");
      assert.deepEqual(listed.items.map((e) => [e.apiVersion, e.metadata.name, e.metadata.resourceVersion]), [["events.k8s.io/v1", "old-style", rv]]);

      const event = await nextEvent(watch);
      assert.ok(event.type === "ADDED");
      assert.equal(event.object.apiVersion, "events.k8s.io/v1");
      assert.equal(event.object.note, "Back-off restarting");
      assert.equal(event.object.metadata.resourceVersion, rv);
    } finally {
      watch.stop();
    }
  });

  it("serves an event created through events.k8s.io/v1 through core/v1, watches included", async () => {
    const start = await core.main.list(scope("default"), {});
    const watch = await core.main.watch(scope("default"), { resourceVersion: start.metadata.resourceVersion ?? "" });
    try {
      const created = await events.main.create(scope("default"), decode(eventDefinition, newBody("new-style")));
      const rv = created.metadata.resourceVersion;

      const event = await nextEvent(watch);
      assert.ok(event.type === "ADDED");
      assert.deepEqual(
        [event.object.apiVersion, event.object.metadata.name, event.object.metadata.resourceVersion, event.object.message, event.object.reportingComponent],
        ["v1", "new-style", rv, "synced", "example.com/ctl"],
      );

      const got = await core.main.get(scope("default"), "new-style");
      assert.deepEqual(
        { involvedObject: got.involvedObject, source: got.source, firstTimestamp: got.firstTimestamp, reportingInstance: got.reportingInstance, rv: got.metadata.resourceVersion },
        { involvedObject: { kind: "Deployment", namespace: "default", name: "web" }, source: {}, firstTimestamp: null, reportingInstance: "ctl-1", rv },
      );
      // Each version's field selectors find it by that version's field names.
      const byCore = await core.main.list(scope("default"), { fieldSelector: parseFieldSelector("involvedObject.kind=Deployment") });
      assert.deepEqual(byCore.items.map((e) => e.metadata.name), ["new-style"]);
      const byEvents = await events.main.list(scope("default"), { fieldSelector: parseFieldSelector("regarding.kind=Deployment") });
      assert.deepEqual(byEvents.items.map((e) => e.metadata.name), ["new-style"]);

      // An update through core/v1 is a MODIFIED event for events.k8s.io/v1 watchers.
      const eventsWatch = await events.main.watch(scope("default"), { resourceVersion: rv ?? "" });
      try {
        const updated = await core.main.update(scope("default"), "new-style", {
          updatedObject: (current) => ({ ...(current as CoreEvent), series: { count: 2, lastObservedTime: "2024-01-02T03:05:05.000000Z" } }),
        });
        const modified = await nextEvent(eventsWatch);
        assert.ok(modified.type === "MODIFIED");
        assert.deepEqual(modified.object.series, { count: 2, lastObservedTime: "2024-01-02T03:05:05.000000Z" });
        assert.equal(modified.object.metadata.resourceVersion, updated.object.metadata.resourceVersion);
      } finally {
        eventsWatch.stop();
      }
    } finally {
      watch.stop();
    }
  });

  it("deletes through either API", async () => {
    await events.main.update(scope("default"), "gone", put(eventDefinition, newBody("gone")));
    const watch = await events.main.watch(scope("default"), { resourceVersion: (await events.main.get(scope("default"), "gone")).metadata.resourceVersion ?? "" });
    try {
      const { object } = await core.main.delete(scope("default"), "gone", {});
      const deleted = await nextEvent(watch);
      assert.ok(deleted.type === "DELETED");
      assert.equal(deleted.object.note, "synced");
      assert.equal(object.message, "synced");
    } finally {
      watch.stop();
    }
  });

  it("keeps events.k8s.io events for the events TTL, in core's keys", async () => {
    await events.main.create(scope("default"), decode(eventDefinition, newBody("leased")));
    const stored = await registry.storage.kv.get("/registry/events/default/leased");
    assert.equal(stored.kv?.lease, EVENT_TTL_SECONDS);
    const json = JSON.parse(Buffer.from(stored.kv?.value ?? new Uint8Array()).toString("utf8")) as CoreEvent;
    assert.equal(json.apiVersion, "v1");
    assert.equal(json.message, "synced");
  });

  it("is installed as the group events.k8s.io, version v1", () => {
    const info = eventsAPIGroupInfo(registry.storage);
    assert.equal(info.name, "events.k8s.io");
    assert.deepEqual(info.versions.map((v) => [v.version, v.resources.map((r) => r.main.definition.resource)]), [["v1", ["events"]]]);
  });
});
