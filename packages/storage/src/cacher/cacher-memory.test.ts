// Memory stays bounded while events stream: the history stops growing at its
// maximum, a watcher that does not read is dropped instead of buffering
// forever, and the heap after 20,000 updates of 1 KiB objects is what it was
// after the first few thousand.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import v8 from "node:v8";
import vm from "node:vm";
import { collectEvents, configMap, type TestObject } from "../testing/conformance.js";
import type { Cacher } from "./cacher.js";
import { newCacher } from "./create-storage.js";
import { type TestStore, openTestStore, waitFor } from "./test-support.js";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const OBJECTS = 50;
const UPDATES = 20_000;
const MAX_HISTORY = 1000;

function heapUsedMiB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

describe("Cacher memory", () => {
  let t: TestStore<TestObject>;
  let cacher: Cacher<TestObject>;
  before(async () => {
    t = openTestStore<TestObject>();
    cacher = newCacher(t.store, {
      resourcePrefix: "/configmaps",
      history: { minEvents: 100, maxEvents: MAX_HISTORY },
      watcherBufferSize: 100,
      log: () => {},
    });
    assert.ok(await cacher.waitUntilReady(5000));
  });
  after(async () => {
    cacher.stop();
    await t.close();
  });

  it("stays bounded while 20,000 updates stream through it", async (t2) => {
    const payload = "x".repeat(1024);
    for (let i = 0; i < OBJECTS; i++) await t.store.create(`/configmaps/ns/o${i}`, configMap("ns", `o${i}`, { payload }));
    const reader = await cacher.watch("/configmaps/", { resourceVersion: String(cacher.revision) });
    const notReading = await cacher.watch("/configmaps/", { resourceVersion: String(cacher.revision) });
    let received = 0;
    const reading = (async () => {
      for await (const e of reader) {
        assert.notEqual(e.type, "ERROR");
        if (++received === UPDATES) break;
      }
    })();

    let baseline = 0;
    for (let done = 0; done < UPDATES; done += OBJECTS) {
      await Promise.all(
        Array.from({ length: OBJECTS }, (_, i) =>
          t.store.guaranteedUpdate(`/configmaps/ns/o${i}`, {
            tryUpdate: (cur) => ({ ...cur!, data: { payload, n: String(done) } }),
          }),
        ),
      );
      assert.ok(cacher.stats.historyEvents <= MAX_HISTORY);
      if (done === 5000) {
        await waitFor("the reader to catch up", () => received >= done, 10_000);
        baseline = heapUsedMiB();
        assert.equal(cacher.stats.watchers, 1, "the watcher that never read was dropped");
      }
    }
    await reading;
    const end = heapUsedMiB();
    t2.diagnostic(`heap after 5,000 updates: ${baseline.toFixed(1)} MiB; after ${UPDATES}: ${end.toFixed(1)} MiB`);

    assert.equal(cacher.stats.objects, OBJECTS);
    assert.equal(cacher.stats.historyEvents, MAX_HISTORY, "the history is full, and no fuller");
    const dropped = await collectEvents(notReading, () => false, 1000);
    assert.equal(dropped.at(-1)?.type, "ERROR");
    // 15,000 more updates of ~1 KiB each went through; none of them may still be held.
    assert.ok(end - baseline < 8, `heap grew by ${(end - baseline).toFixed(1)} MiB (from ${baseline.toFixed(1)} MiB)`);
    reader.stop();
  });
});
