// Fan-out under a slow watcher: the slow one is dropped (ERROR, so it
// re-watches) once its bounded buffer is full, while 100 fast watchers on the
// same resource receive every event, in order.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Status } from "@tskube/apimachinery";
import { collectEvents, configMap, type TestObject } from "../testing/conformance.js";
import type { Cacher } from "./cacher.js";
import { newCacher } from "./create-storage.js";
import { type TestStore, openTestStore } from "./test-support.js";

const WRITES = 500;
const BUFFER = 50;

describe("Cacher fan-out", () => {
  let t: TestStore<TestObject>;
  let cacher: Cacher<TestObject>;
  before(async () => {
    t = openTestStore<TestObject>();
    cacher = newCacher(t.store, { resourcePrefix: "/configmaps", watcherBufferSize: BUFFER, log: () => {} });
    assert.ok(await cacher.waitUntilReady(5000));
  });
  after(async () => {
    cacher.stop();
    await t.close();
  });

  it("drops a slow watcher and still delivers every event, in order, to 100 fast ones", async () => {
    const from = String(cacher.revision);
    const slow = await cacher.watch("/configmaps/", { resourceVersion: from });
    const fast = await Promise.all(Array.from({ length: 100 }, () => cacher.watch("/configmaps/", { resourceVersion: from })));
    const receiving = fast.map((w) => collectEvents(w, (evs) => evs.length >= WRITES, 60_000));

    // Writes in groups of 10 concurrent creates: the kv store delivers them in batches.
    for (let i = 0; i < WRITES; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) => t.store.create(`/configmaps/ns/o${i + j}`, configMap("ns", `o${i + j}`))),
      );
    }

    const received = await Promise.all(receiving);
    for (const events of received) {
      assert.equal(events.length, WRITES);
      let last = Number(from);
      for (const e of events) {
        assert.equal(e.type, "ADDED");
        const rv = Number(e.object.metadata.resourceVersion);
        assert.ok(rv > last, "in revision order, none repeated");
        last = rv;
      }
    }
    for (const w of fast) w.stop();

    // The slow watcher never read: it holds its buffer's worth of events, then the ERROR.
    const slowEvents = await collectEvents(slow, () => false, 5000);
    assert.equal(slowEvents.length, BUFFER + 1);
    const err = slowEvents.at(-1)!;
    assert.equal(err.type, "ERROR");
    assert.equal((err.object as Status).code, 500);
    assert.match((err.object as Status).message ?? "", /fell more than 50 events behind/);
    assert.equal(cacher.stats.watchers, 0);
  });
});
