// The cache recovers when its upstream watch breaks, and ends up with exactly
// the store's state: by watching again from its last revision when it can
// (watchers notice nothing), by relisting when that revision was compacted
// (watchers get 410 and relist), and across a real etcd restart.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Status } from "@tskube/apimachinery";
import type { Storage } from "../interfaces.js";
import { createEtcd3Driver } from "../kv/etcd3/index.js";
import { Store } from "../store/store.js";
import { collectEvents, configMap, type TestObject } from "../testing/conformance.js";
import { startEtcdServer } from "../testing/etcd-server.js";
import type { Cacher } from "./cacher.js";
import { newCacher } from "./create-storage.js";
import { openTestStore, sleep, waitFor } from "./test-support.js";

/** The objects as plain JSON, in key order: what "the same state" means. */
async function stateOf(s: Storage<TestObject>, resourceVersion: string): Promise<string> {
  const list = await s.getList("/configmaps/", { resourceVersion });
  return JSON.stringify(list.items);
}

async function caughtUp(cacher: Cacher<TestObject>, store: Store<TestObject>): Promise<void> {
  const target = await store.currentResourceVersion();
  await waitFor(`the cache to reach revision ${target}`, () => cacher.isReady && cacher.revision >= target, 20_000);
}

describe("Cacher recovery", () => {
  it("a broken watch is resumed from the cache's revision: nothing lost, no relist, watchers unaffected", async () => {
    const t = openTestStore<TestObject>();
    const logs: string[] = [];
    const cacher = newCacher(t.store, {
      resourcePrefix: "/configmaps",
      retryBackoff: { initialMs: 200 },
      log: (m) => logs.push(m),
    });
    try {
      assert.ok(await cacher.waitUntilReady(5000));
      await t.store.create("/configmaps/ns/a", configMap("ns", "a"));
      await t.store.create("/configmaps/ns/b", configMap("ns", "b"));
      const w = await cacher.watch("/configmaps/", { resourceVersion: "0" });
      await caughtUp(cacher, t.store);
      const lists = t.kv.rangeCalls;

      t.kv.breakWatches();
      // Changes while the cache is disconnected.
      await t.store.create("/configmaps/ns/c", configMap("ns", "c"));
      await t.store.guaranteedUpdate("/configmaps/ns/a", { tryUpdate: (cur) => ({ ...cur!, data: { v: "2" } }) });
      await t.store.delete("/configmaps/ns/b");
      await caughtUp(cacher, t.store);

      const events = await collectEvents(w, (evs) => evs.length >= 5);
      w.stop();
      assert.deepEqual(
        events.map((e) => (e.type === "ERROR" ? "ERROR" : `${e.type} ${e.object.metadata.name}`)),
        ["ADDED a", "ADDED b", "ADDED c", "MODIFIED a", "DELETED b"],
      );
      assert.equal(t.kv.rangeCalls, lists, "no relist");
      assert.equal(await stateOf(cacher, "0"), await stateOf(t.store, ""));
      assert.ok(logs.some((m) => m.includes("watching again")), logs.join("\n"));
    } finally {
      cacher.stop();
      await t.close();
    }
  });

  it("when the missed changes were compacted away it relists; its watchers end with 410 Expired", async () => {
    const t = openTestStore<TestObject>();
    const cacher = newCacher(t.store, { resourcePrefix: "/configmaps", retryBackoff: { initialMs: 300 }, log: () => {} });
    try {
      assert.ok(await cacher.waitUntilReady(5000));
      for (const name of ["a", "b", "c"]) await t.store.create(`/configmaps/ns/${name}`, configMap("ns", name));
      await caughtUp(cacher, t.store);
      const w = await cacher.watch("/configmaps/", { resourceVersion: String(cacher.revision) });

      t.kv.breakWatches();
      await t.store.delete("/configmaps/ns/a");
      await t.store.create("/configmaps/ns/d", configMap("ns", "d"));
      await t.store.guaranteedUpdate("/configmaps/ns/b", { tryUpdate: (cur) => ({ ...cur!, data: { v: "2" } }) });
      await t.kv.compact(await t.kv.currentRevision()); // before the cache watches again
      await caughtUp(cacher, t.store);

      const events = await collectEvents(w, (evs) => evs.some((e) => e.type === "ERROR"));
      const last = events.at(-1)!;
      assert.equal(last.type, "ERROR");
      assert.equal((last.object as Status).code, 410);
      assert.equal(await stateOf(cacher, "0"), await stateOf(t.store, ""));

      // And it follows the store again.
      const again = await cacher.watch("/configmaps/", { resourceVersion: String(cacher.revision) });
      await t.store.create("/configmaps/ns/e", configMap("ns", "e"));
      const [added] = await collectEvents(again, (evs) => evs.length >= 1);
      again.stop();
      assert.deepEqual(added?.type === "ADDED" && added.object.metadata.name, "e");
    } finally {
      cacher.stop();
      await t.close();
    }
  });

  it("etcd restarted: the cache watches again and ends up with exactly the store's state", async () => {
    const etcd = await startEtcdServer();
    // A short dial timeout, so the driver's own watch gives up during the outage and the cacher has to recover.
    const kv = createEtcd3Driver({ endpoints: etcd.endpoints, requestTimeoutMs: 2000, dialTimeoutMs: 300 });
    const store = new Store<TestObject>({ kv });
    const logs: string[] = [];
    const cacher = newCacher(store, {
      resourcePrefix: "/configmaps",
      retryBackoff: { initialMs: 100, maxMs: 500 },
      log: (m) => logs.push(m),
    });
    try {
      assert.ok(await cacher.waitUntilReady(10_000));
      for (let i = 0; i < 20; i++) await store.create(`/configmaps/ns/o${i}`, configMap("ns", `o${i}`, { v: "1" }));
      await caughtUp(cacher, store);
      const w = await cacher.watch("/configmaps/", { resourceVersion: String(cacher.revision) });

      await etcd.stop();
      await sleep(1000); // long enough for the driver's watch to give up
      await etcd.start();

      for (let i = 0; i < 20; i += 2) {
        await store.guaranteedUpdate(`/configmaps/ns/o${i}`, { tryUpdate: (cur) => ({ ...cur!, data: { v: "2" } }) });
      }
      for (let i = 1; i < 20; i += 4) await store.delete(`/configmaps/ns/o${i}`);
      await store.create("/configmaps/ns2/new", configMap("ns2", "new"));
      await caughtUp(cacher, store);

      assert.equal(await stateOf(cacher, "0"), await stateOf(store, ""));
      assert.ok(logs.some((m) => m.includes("watching again")), `the upstream watch broke and was resumed:\n${logs.join("\n")}`);
      // The open watch saw every change after its revision, in order.
      const events = await collectEvents(w, (evs) => evs.length >= 16, 10_000);
      w.stop();
      assert.deepEqual(
        events.map((e) => e.type),
        [...Array<string>(10).fill("MODIFIED"), ...Array<string>(5).fill("DELETED"), "ADDED"],
      );
    } finally {
      cacher.stop();
      await kv.close();
      await etcd.destroy();
    }
  });
});
