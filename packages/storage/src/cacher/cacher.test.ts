// The cacher's own behaviour, on a Store over the embedded kv driver: what is
// served from memory and what from the store, watch windows, bookmarks,
// selectors, encode-once, and writes.

import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import { type Status, parseLabelSelector } from "@tskube/apimachinery";
import { apiError, collectEvents, configMap, type TestObject } from "../testing/conformance.js";
import type { WatchEvent } from "../interfaces.js";
import { Store } from "../store/store.js";
import { Cacher } from "./cacher.js";
import { createStorage, newCacher } from "./create-storage.js";
import { type CacherOptions } from "./options.js";
import { SharedWatchEvent, encodeWatchEvent, encodeWatchEventJSONLine } from "./shared-event.js";
import { type TestStore, openTestStore, sleep, waitFor } from "./test-support.js";

const quiet = { log: () => {} };
const rv = (o: TestObject): number => Number(o.metadata.resourceVersion);
const webSelector = () => parseLabelSelector("app=web");
const withLabels = (obj: TestObject, labels: Record<string, string>): TestObject => ({ ...obj, metadata: { ...obj.metadata, labels } });
const names = (items: TestObject[]): string => items.map((o) => o.metadata.name).join(",");
const describeEvents = (events: WatchEvent<TestObject>[]): string[] =>
  events.map((e) => (e.type === "ERROR" ? `ERROR ${(e.object as Status).code}` : `${e.type} ${e.object.metadata.name ?? ""}`));

describe("Cacher", () => {
  let t: TestStore<TestObject>;
  let cacher: Cacher<TestObject>;
  const started: Cacher<TestObject>[] = [];

  const startCacher = async (opts: Partial<CacherOptions> = {}): Promise<Cacher<TestObject>> => {
    const c = newCacher(t.store, { resourcePrefix: "/configmaps", waitForFreshTimeoutMs: 500, ...quiet, ...opts });
    started.push(c);
    assert.ok(await c.waitUntilReady(5000), "the cacher lists the store");
    return c;
  };

  beforeEach(async () => {
    t = openTestStore<TestObject>();
    cacher = await startCacher();
  });
  afterEach(async () => {
    for (const c of started.splice(0)) c.stop();
    await t.close();
  });

  describe("lists", () => {
    it("start from the store's current state and follow every write", async () => {
      await t.store.create("/configmaps/a/x", configMap("a", "x"));
      const late = await startCacher(); // lists what is already there
      await t.store.create("/configmaps/b/y", configMap("b", "y"));
      await waitFor("the cacher sees the second write", () => late.stats.objects === 2);
      const list = await late.getList("/configmaps/", { resourceVersion: "0" });
      assert.equal(names(list.items), "x,y");
    });

    it("resourceVersion \"0\" and \"\" are served from memory, in key order, per namespace", async () => {
      for (const [ns, name] of [["b", "2"], ["a", "1"], ["a-b", "3"], ["a", "0"]] as const) {
        await cacher.create(`/configmaps/${ns}/${name}`, configMap(ns, name));
      }
      const reads = t.kv.rangeCalls;
      const all = await cacher.getList("/configmaps/", { resourceVersion: "0" });
      assert.equal(names(all.items), "3,0,1,2", "key order: /a-b/ < /a/ < /b/");
      const ns = await cacher.getList("/configmaps/a", { resourceVersion: "" });
      assert.equal(names(ns.items), "0,1");
      assert.equal(await cacher.getList("/configmaps/zz/").then((l) => l.items.length), 0);
      const one = await cacher.getList("/configmaps/a/1", { recursive: false, resourceVersion: "0" });
      assert.equal(names(one.items), "1");
      assert.equal(t.kv.rangeCalls, reads, "no list went to the kv store");
      assert.equal(ns.resourceVersion, String(cacher.revision));
    });

    it("returns shared, frozen objects", async () => {
      await cacher.create("/configmaps/a/x", configMap("a", "x", { k: "v" }));
      const [obj] = (await cacher.getList("/configmaps/", { resourceVersion: "0" })).items;
      assert.ok(obj && Object.isFrozen(obj) && Object.isFrozen(obj.data));
      assert.throws(() => {
        (obj.data as Record<string, string>)["k"] = "changed";
      }, TypeError);
    });

    it("label and field selectors filter in memory", async () => {
      await cacher.create("/configmaps/a/x", configMap("a", "x", {}, { app: "web" }));
      await cacher.create("/configmaps/a/y", configMap("a", "y", {}, { app: "db" }));
      await cacher.create("/configmaps/b/z", configMap("b", "z", {}, { app: "web" }));
      const web = await cacher.getList("/configmaps/", { resourceVersion: "0", predicate: { label: webSelector() } });
      assert.equal(names(web.items), "x,z");
    });

    it("a first page comes from memory; the following pages from the store, at the same revision", async () => {
      for (let i = 0; i < 10; i++) await cacher.create(`/configmaps/a/o${i}`, configMap("a", `o${i}`));
      const reads = t.kv.rangeCalls;
      const first = await cacher.getList("/configmaps/a/", { predicate: { limit: 4 } });
      assert.equal(t.kv.rangeCalls, reads, "first page from memory");
      assert.equal(names(first.items), "o0,o1,o2,o3");
      assert.equal(first.remainingItemCount, 6);
      await cacher.create("/configmaps/a/o99", configMap("a", "o99"));
      const second = await cacher.getList("/configmaps/a/", { predicate: { limit: 100, continue: first.continue! } });
      assert.ok(t.kv.rangeCalls > reads, "continued from the store");
      assert.equal(second.resourceVersion, first.resourceVersion);
      assert.equal(names(second.items), "o4,o5,o6,o7,o8,o9");
    });

    it("an exact resourceVersion is read from the store unless the cache is exactly there", async () => {
      const a = await cacher.create("/configmaps/a/x", configMap("a", "x", { n: "1" }));
      await cacher.guaranteedUpdate("/configmaps/a/x", { tryUpdate: (cur) => ({ ...cur!, data: { n: "2" } }) });
      const old = await cacher.getList("/configmaps/", { resourceVersion: String(rv(a)), resourceVersionMatch: "Exact" });
      assert.equal(old.items[0]?.data?.n, "1");
      const reads = t.kv.rangeCalls;
      const exact = { resourceVersion: String(cacher.revision), resourceVersionMatch: "Exact" } as const;
      const now = await cacher.getList("/configmaps/", exact);
      assert.equal(now.items[0]?.data?.n, "2");
      assert.equal(t.kv.rangeCalls, reads, "served from memory");
    });

    it("a consistent list is never staler than the store, even for an idle resource", async () => {
      await cacher.create("/configmaps/a/x", configMap("a", "x"));
      // Another resource moves the store's revision; this cache sees no event for it.
      const other = await t.store.create("/secrets/a/s", configMap("a", "s"));
      const list = await cacher.getList("/configmaps/");
      assert.ok(Number(list.resourceVersion) >= rv(other), "read at (or after) the store's current revision");
      assert.equal(names(list.items), "x");
    });

    it("with progress requests, a consistent list of an idle resource is served from memory", async () => {
      t.kv.progressRequests = "emulated";
      const c = await startCacher();
      await c.create("/configmaps/a/x", configMap("a", "x"));
      await t.store.create("/secrets/a/s", configMap("a", "s")); // the store moves on; this resource is idle
      const before = c.stats;
      const reads = t.kv.rangeCalls;
      const list = await c.getList("/configmaps/");
      assert.equal(names(list.items), "x");
      assert.equal(c.stats.listsFromMemory, before.listsFromMemory + 1);
      assert.equal(t.kv.rangeCalls, reads, "nothing listed from the kv store");
      assert.equal(list.resourceVersion, String(await t.store.currentResourceVersion()));
    });

    it("without progress requests, the same list is answered by the store (after a short wait)", async () => {
      t.kv.progressRequests = "none";
      const c = await startCacher();
      await c.create("/configmaps/a/x", configMap("a", "x"));
      await t.store.create("/secrets/a/s", configMap("a", "s"));
      const before = c.stats;
      const list = await c.getList("/configmaps/");
      assert.equal(names(list.items), "x");
      assert.equal(c.stats.listsFromStore, before.listsFromStore + 1);
    });

    it("a resourceVersion ahead of the store waits, then fails with 504 ResourceVersionTooLarge", async () => {
      const ahead = String((await t.store.currentResourceVersion()) + 1000);
      const started = Date.now();
      const reads = await Promise.allSettled([
        cacher.getList("/configmaps/", { resourceVersion: ahead }),
        cacher.get("/configmaps/a/x", { resourceVersion: ahead }),
      ]);
      for (const read of reads) {
        assert.equal(read.status, "rejected");
        const err = apiError(read.reason);
        assert.equal(err.code, 504);
        assert.equal(err.status.details?.causes?.[0]?.reason, "ResourceVersionTooLarge");
      }
      assert.ok(Date.now() - started >= 450, "waited for the cache first");
    });

    it("a resourceVersion the cache has not seen yet is served once it catches up", async () => {
      const next = (await t.store.currentResourceVersion()) + 1;
      const listing = cacher.getList("/configmaps/", { resourceVersion: String(next) });
      await sleep(20);
      await t.store.create("/configmaps/a/x", configMap("a", "x"));
      const list = await listing;
      assert.equal(names(list.items), "x");
    });
  });

  describe("gets", () => {
    it("\"0\" and \"N\" from memory, \"\" from the store", async () => {
      const x = await cacher.create("/configmaps/a/x", configMap("a", "x"));
      const gets = t.kv.getCalls;
      assert.equal(rv(await cacher.get("/configmaps/a/x", { resourceVersion: "0" })), rv(x));
      assert.equal(rv(await cacher.get("/configmaps/a/x", { resourceVersion: String(rv(x)) })), rv(x));
      assert.equal(await cacher.get("/configmaps/a/none", { resourceVersion: "0", ignoreNotFound: true }), null);
      assert.equal(apiError(await cacher.get("/configmaps/a/none", { resourceVersion: "0" }).catch((e: unknown) => e)).code, 404);
      assert.equal(t.kv.getCalls, gets, "no get reached the kv store");
      await cacher.get("/configmaps/a/x");
      assert.equal(t.kv.getCalls, gets + 1);
    });
  });

  describe("writes", () => {
    it("return once the cache shows them (read-your-writes from memory)", async () => {
      for (let i = 0; i < 20; i++) {
        const obj = await cacher.create(`/configmaps/a/o${i}`, configMap("a", `o${i}`));
        const cached = await cacher.get(`/configmaps/a/o${i}`, { resourceVersion: "0" });
        assert.equal(cached.metadata.resourceVersion, obj.metadata.resourceVersion);
        await cacher.delete(`/configmaps/a/o${i}`);
        assert.equal(await cacher.get(`/configmaps/a/o${i}`, { resourceVersion: "0", ignoreNotFound: true }), null);
      }
    });

    it("guaranteedUpdate starts from the cached object (no read), and recovers from a stale one", async () => {
      await cacher.create("/configmaps/a/x", configMap("a", "x", { n: "0" }));
      const gets = t.kv.getCalls;
      await cacher.guaranteedUpdate("/configmaps/a/x", { tryUpdate: (cur) => ({ ...cur!, data: { n: "1" } }) });
      assert.equal(t.kv.getCalls, gets, "the cached copy saved the read");
      // Someone else writes behind the cacher's back; the cache may be stale when we update.
      await t.store.guaranteedUpdate("/configmaps/a/x", { tryUpdate: (cur) => ({ ...cur!, data: { n: "2" } }) });
      const updated = await cacher.guaranteedUpdate("/configmaps/a/x", {
        tryUpdate: (cur) => ({ ...cur!, data: { n: String(Number(cur!.data!.n) + 1) } }),
      });
      assert.equal(updated.data?.n, "3");
    });
  });

  describe("watches", () => {
    it("from a revision inside the window replay from memory, then continue live", async () => {
      const a = await cacher.create("/configmaps/a/x", configMap("a", "x"));
      await cacher.create("/configmaps/a/y", configMap("a", "y"));
      await cacher.delete("/configmaps/a/x");
      const watchesBefore = t.kv.watchCount;
      const w = await cacher.watch("/configmaps/", { resourceVersion: String(rv(a)) });
      await cacher.create("/configmaps/b/z", configMap("b", "z"));
      const events = await collectEvents(w, (evs) => evs.length >= 3);
      w.stop();
      assert.deepEqual(describeEvents(events), ["ADDED y", "DELETED x", "ADDED z"]);
      assert.equal(t.kv.watchCount, watchesBefore, "no new kv watch");
      const deleted = events[1]!.object as TestObject;
      assert.ok(rv(deleted) > rv(a), "DELETED carries the deletion's revision");
    });

    it("from a revision older than the window gets ERROR 410 Expired", async () => {
      const small = await startCacher({ history: { minEvents: 4, maxEvents: 4, minAgeMs: 0 } });
      const first = await small.create("/configmaps/a/x", configMap("a", "x"));
      for (let i = 0; i < 6; i++) {
        await small.guaranteedUpdate("/configmaps/a/x", { tryUpdate: (cur) => ({ ...cur!, data: { i: String(i) } }) });
      }
      assert.equal(small.stats.historyEvents, 4);
      const w = await small.watch("/configmaps/", { resourceVersion: String(rv(first)) });
      const [event] = await collectEvents(w, (evs) => evs.length >= 1);
      assert.equal(event?.type, "ERROR");
      assert.equal((event?.object as Status).code, 410);
      assert.equal((event?.object as Status).reason, "Expired");
    });

    it("from a revision newer than the cache waits for it (bounded, then ERROR 504)", async () => {
      const next = (await t.store.currentResourceVersion()) + 1;
      const watching = cacher.watch("/configmaps/", { resourceVersion: String(next) });
      await sleep(20);
      await t.store.create("/configmaps/a/x", configMap("a", "x"));
      await t.store.create("/configmaps/a/y", configMap("a", "y"));
      const w = await watching;
      const events = await collectEvents(w, (evs) => evs.length >= 1);
      w.stop();
      assert.deepEqual(describeEvents(events), ["ADDED y"], "changes after the requested revision");

      const tooNew = await cacher.watch("/configmaps/", { resourceVersion: String(next + 1000) });
      const [err] = await collectEvents(tooNew, (evs) => evs.length >= 1);
      assert.equal((err?.object as Status).code, 504);
    });

    it("\"0\" starts with the current objects as ADDED; sendInitialEvents ends them with a bookmark", async () => {
      await cacher.create("/configmaps/a/x", configMap("a", "x"));
      await cacher.create("/configmaps/b/y", configMap("b", "y"));
      const w0 = await cacher.watch("/configmaps/", { resourceVersion: "0" });
      const initial = await collectEvents(w0, (evs) => evs.length >= 2);
      w0.stop();
      assert.deepEqual(describeEvents(initial), ["ADDED x", "ADDED y"]);

      const wl = await cacher.watch("/configmaps/a/", { sendInitialEvents: true, allowWatchBookmarks: true });
      const events = await collectEvents(wl, (evs) => evs.some((e) => e.type === "BOOKMARK"));
      wl.stop();
      assert.deepEqual(describeEvents(events), ["ADDED x", "BOOKMARK "]);
      const meta = (events[1]!.object as TestObject).metadata;
      assert.equal(meta.annotations?.["k8s.io/initial-events-end"], "true");
      assert.equal(meta.resourceVersion, String(cacher.revision));
    });

    it("sendInitialEvents=false without a resourceVersion sends only changes from now on", async () => {
      await cacher.create("/configmaps/a/x", configMap("a", "x"));
      const w = await cacher.watch("/configmaps/", { sendInitialEvents: false });
      await cacher.create("/configmaps/a/y", configMap("a", "y"));
      const events = await collectEvents(w, (evs) => evs.length >= 1);
      w.stop();
      assert.deepEqual(describeEvents(events), ["ADDED y"]);
    });

    it("a namespace watch sees only its namespace; selectors see objects enter and leave", async () => {
      const start = String(cacher.revision);
      const inA = await cacher.watch("/configmaps/a", { resourceVersion: start });
      const web = await cacher.watch("/configmaps/", { resourceVersion: start, predicate: { label: webSelector() } });
      await cacher.create("/configmaps/b/other", configMap("b", "other", {}, { app: "web" }));
      await cacher.create("/configmaps/a/x", configMap("a", "x", {}, { app: "db" }));
      await cacher.guaranteedUpdate("/configmaps/a/x", { tryUpdate: (cur) => withLabels(cur!, { app: "web" }) });
      await cacher.guaranteedUpdate("/configmaps/a/x", { tryUpdate: (cur) => ({ ...cur!, data: { v: "2" } }) });
      await cacher.guaranteedUpdate("/configmaps/a/x", { tryUpdate: (cur) => withLabels(cur!, {}) });
      const seenInA = describeEvents(await collectEvents(inA, (evs) => evs.length >= 4));
      assert.deepEqual(seenInA, ["ADDED x", "MODIFIED x", "MODIFIED x", "MODIFIED x"]);
      const seenByWeb = describeEvents(await collectEvents(web, (evs) => evs.length >= 4));
      assert.deepEqual(seenByWeb, ["ADDED other", "ADDED x", "MODIFIED x", "DELETED x"]);
      inA.stop();
      web.stop();
    });

    it("every watcher gets the same event object, so it is encoded once", async () => {
      const from = String(cacher.revision);
      const watchers = await Promise.all(Array.from({ length: 100 }, () => cacher.watch("/configmaps/", { resourceVersion: from })));
      await cacher.create("/configmaps/a/x", configMap("a", "x", { big: "x".repeat(1000) }));
      const received = await Promise.all(watchers.map((w) => collectEvents(w, (evs) => evs.length >= 1)));
      let encodings = 0;
      const encode = (e: WatchEvent<TestObject>) => {
        encodings++;
        return encodeWatchEventJSONLine(e);
      };
      const bytes = received.map(([event]) => encodeWatchEvent(event!, "json", encode));
      assert.equal(encodings, 1);
      assert.ok(received.every(([event]) => event === received[0]![0]), "one shared event object");
      assert.ok(received[0]![0] instanceof SharedWatchEvent);
      assert.ok(bytes.every((b) => b === bytes[0]), "one shared byte array");
      assert.deepEqual(JSON.parse(new TextDecoder().decode(bytes[0])).type, "ADDED");
      for (const w of watchers) w.stop();
      await waitFor("watchers to be forgotten", () => cacher.stats.watchers === 0);
    });

    it("watchers with allowWatchBookmarks get periodic bookmarks, and one when the watch times out", async () => {
      const c = await startCacher({ bookmarkIntervalMs: 50 });
      await c.create("/configmaps/a/x", configMap("a", "x"));
      const from = String(c.revision);
      const w = await c.watch("/configmaps/", { resourceVersion: from, allowWatchBookmarks: true, timeoutSeconds: 0.3 });
      const plain = await c.watch("/configmaps/", { resourceVersion: String(c.revision), timeoutSeconds: 0.3 });
      // Both end by their timeout; collectEvents returns when the iteration ends.
      const events = await collectEvents(w, () => false, 2000);
      assert.ok(events.length >= 3, `periodic bookmarks and a final one, got ${events.length}`);
      assert.ok(events.every((e) => e.type === "BOOKMARK"));
      assert.ok(events.every((e) => e.object.metadata.resourceVersion === String(c.revision)));
      assert.deepEqual(await collectEvents(plain, () => false, 2000), [], "no bookmarks without allowWatchBookmarks");
    });

    it("endWithBookmark ends a watch with the current resourceVersion", async () => {
      const w = await cacher.watch("/configmaps/", { resourceVersion: String(cacher.revision), allowWatchBookmarks: true });
      await cacher.create("/configmaps/a/x", configMap("a", "x"));
      w.endWithBookmark();
      const events = await collectEvents(w, () => false, 1000);
      assert.deepEqual(describeEvents(events), ["ADDED x", "BOOKMARK "]);
      assert.equal((events[1]!.object as TestObject).metadata.resourceVersion, String(cacher.revision));
    });

    it("stop() ends iteration at once and unregisters the watcher", async () => {
      const w = await cacher.watch("/configmaps/", { resourceVersion: "0" });
      assert.equal(cacher.stats.watchers, 1);
      w.stop();
      assert.equal(cacher.stats.watchers, 0);
      assert.deepEqual(await collectEvents(w, () => false, 1000), []);
    });
  });

  describe("createStorage", () => {
    it("puts a cacher in front of the store, or not with watchCache.enabled=false", async () => {
      const off = createStorage({ store: t.store, resourcePrefix: "/configmaps", watchCache: { enabled: false } });
      assert.ok(off.storage instanceof Store);
      off.destroy();
      const on = createStorage({ store: t.store, resourcePrefix: "/configmaps", watchCache: { cacher: quiet } });
      assert.ok(on.storage instanceof Cacher);
      on.destroy();
    });
  });
});
