import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Etcd3 } from "etcd3";
import { startEtcdServer, type EtcdServer } from "../../testing/etcd-server.js";
import { CompactedError, FutureRevisionError } from "../errors.js";
import { prefixEnd } from "../types.js";
import { createEtcd3Driver, type Etcd3Driver } from "./driver.js";
import { dec, enc, recorder, testPrefix, waitFor } from "./test-util.js";

let etcd: EtcdServer;
let kv: Etcd3Driver;

before(async () => {
  etcd = await startEtcdServer();
  kv = createEtcd3Driver({ endpoints: etcd.endpoints, requestTimeoutMs: 5_000 });
});

after(async () => {
  await kv?.close();
  await etcd?.destroy();
});

describe("etcd3 driver: writes", () => {
  it("create writes a new key and fails on an existing one, returning it", async () => {
    const key = `${testPrefix("create")}a`;
    const created = await kv.create(key, enc("one"));
    assert.equal(created.succeeded, true);
    assert.ok(created.kv);
    assert.equal(created.kv.key, key);
    assert.equal(dec(created.kv.value), "one");
    assert.equal(created.kv.createRevision, created.revision);
    assert.equal(created.kv.modRevision, created.revision);
    assert.equal(created.kv.lease, 0);

    const again = await kv.create(key, enc("two"));
    assert.equal(again.succeeded, false);
    assert.equal(again.revision, created.revision, "a failed compare writes nothing");
    assert.deepEqual(again.kv, { ...created.kv, value: enc("one") });
  });

  it("update is a compare-and-swap on the mod revision", async () => {
    const key = `${testPrefix("update")}a`;
    const created = await kv.create(key, enc("v1"));
    const updated = await kv.update(key, enc("v2"), created.revision);
    assert.equal(updated.succeeded, true);
    assert.ok(updated.revision > created.revision);
    assert.deepEqual(updated.kv, {
      key,
      value: enc("v2"),
      createRevision: created.revision,
      modRevision: updated.revision,
      lease: 0,
    });

    const stale = await kv.update(key, enc("v3"), created.revision);
    assert.equal(stale.succeeded, false);
    assert.equal(stale.revision, updated.revision);
    assert.ok(stale.kv);
    assert.equal(dec(stale.kv.value), "v2", "the current value comes back");
    assert.equal(stale.kv.modRevision, updated.revision);

    const missing = await kv.update(`${key}-missing`, enc("x"), 5);
    assert.deepEqual(missing, { succeeded: false, revision: updated.revision, kv: null });
  });

  it("delete compares the mod revision and returns the last value", async () => {
    const key = `${testPrefix("delete")}a`;
    const created = await kv.create(key, enc("v1"));
    const updated = await kv.update(key, enc("v2"), created.revision);

    const stale = await kv.delete(key, created.revision);
    assert.equal(stale.succeeded, false);
    assert.ok(stale.kv);
    assert.equal(dec(stale.kv.value), "v2");

    const deleted = await kv.delete(key, updated.revision);
    assert.equal(deleted.succeeded, true);
    assert.ok(deleted.revision > updated.revision);
    assert.deepEqual(deleted.kv, { key, value: enc("v2"), createRevision: created.revision, modRevision: updated.revision, lease: 0 });
    assert.equal((await kv.get(key)).kv, null);

    const gone = await kv.delete(key, updated.revision);
    assert.deepEqual(gone, { succeeded: false, revision: deleted.revision, kv: null });
  });

  it("delete without a revision deletes whatever is there", async () => {
    const key = `${testPrefix("delete-any")}a`;
    await kv.create(key, enc("v1"));
    const deleted = await kv.delete(key);
    assert.equal(deleted.succeeded, true);
    assert.equal(dec(deleted.kv?.value ?? new Uint8Array()), "v1");
    const missing = await kv.delete(key);
    assert.deepEqual(missing, { succeeded: false, revision: deleted.revision, kv: null });
  });
});

describe("etcd3 driver: reads", () => {
  it("get returns one key and the revision it was read at", async () => {
    const key = `${testPrefix("get")}a`;
    const created = await kv.create(key, enc("x"));
    const got = await kv.get(key);
    assert.equal(got.revision, await kv.currentRevision());
    assert.deepEqual(got.kv, created.kv);
    assert.deepEqual(await kv.get(`${key}-missing`), { kv: null, revision: got.revision });
    assert.ok(got.kv?.value instanceof Uint8Array);
  });

  it("range lists a prefix in key order, with limit, more and count", async () => {
    const p = testPrefix("range");
    for (const name of ["c", "a", "b", "d"]) await kv.create(`${p}${name}`, enc(name));
    await kv.create(`${p.slice(0, -1)}0`, enc("outside the prefix"));

    const all = await kv.range(p, prefixEnd(p));
    assert.deepEqual(all.kvs.map((e) => e.key), ["a", "b", "c", "d"].map((n) => p + n));
    assert.equal(all.more, false);
    assert.equal(all.count, 4);
    assert.equal(all.revision, await kv.currentRevision());

    const page = await kv.range(p, prefixEnd(p), { limit: 3 });
    assert.deepEqual(page.kvs.map((e) => dec(e.value)), ["a", "b", "c"]);
    assert.equal(page.more, true);
    assert.equal(page.count, 4, "count is the whole range, not the page");

    const rest = await kv.range(`${p}c\0`, prefixEnd(p), { limit: 3, revision: page.revision });
    assert.deepEqual(rest.kvs.map((e) => dec(e.value)), ["d"]);
    assert.equal(rest.more, false);

    assert.equal(await kv.count(p, prefixEnd(p)), 4);
  });

  it('range to "\\0" has no upper bound', async () => {
    const p = testPrefix("unbounded");
    await kv.create(`${p}a`, enc("a"));
    await kv.create(`\x7f${p}`, enc("sorts after every other test key"));
    const res = await kv.range(p, "\0");
    assert.equal(res.kvs[0]?.key, `${p}a`);
    assert.equal(res.kvs.at(-1)?.key, `\x7f${p}`);
    assert.ok(res.kvs.every((e) => e.key >= p));
    assert.equal(res.count, res.kvs.length);
  });

  it("reads at an older revision see the keyspace as it was", async () => {
    const p = testPrefix("history");
    const a = await kv.create(`${p}a`, enc("a1"));
    const before = a.revision;
    await kv.update(`${p}a`, enc("a2"), a.revision);
    await kv.create(`${p}b`, enc("b1"));

    const old = await kv.get(`${p}a`, { revision: before });
    assert.equal(dec(old.kv?.value ?? new Uint8Array()), "a1");
    assert.equal(old.revision, before, "the result names the revision it was read at");

    const oldList = await kv.range(p, prefixEnd(p), { revision: before });
    assert.deepEqual(oldList.kvs.map((e) => dec(e.value)), ["a1"]);
    assert.equal(oldList.count, 1);
    assert.equal(oldList.revision, before);

    const now = await kv.range(p, prefixEnd(p));
    assert.deepEqual(now.kvs.map((e) => dec(e.value)), ["a2", "b1"]);
  });

  it("a read at a future revision fails with FutureRevisionError", async () => {
    const current = await kv.currentRevision();
    await assert.rejects(kv.get("/any", { revision: current + 100 }), (err: unknown) => {
      assert.ok(err instanceof FutureRevisionError);
      assert.equal(err.requestedRevision, current + 100);
      assert.equal(err.currentRevision, current);
      return true;
    });
  });
});

describe("etcd3 driver: leases", () => {
  it("a key with ttlSeconds disappears when its lease expires, with a delete event", async () => {
    const p = testPrefix("ttl");
    const from = (await kv.currentRevision()) + 1;
    const watch = recorder();
    const w = kv.watch(p, from, watch);
    try {
      const created = await kv.create(`${p}short`, enc("x"), { ttlSeconds: 2 });
      assert.notEqual(created.kv?.lease, 0);
      const started = Date.now();
      await waitFor("the key to expire", () => watch.events.some((e) => e.type === "delete"), 10_000);
      const seconds = (Date.now() - started) / 1000;
      assert.ok(seconds > 1, `expired after ${seconds} s`);
      assert.equal((await kv.get(`${p}short`)).kv, null);
      const deleted = watch.events.find((e) => e.type === "delete");
      assert.equal(deleted?.kv.key, `${p}short`);
      assert.equal(dec(deleted?.prevKv?.value ?? new Uint8Array()), "x");
    } finally {
      w.cancel();
    }
  });

  it("writes with the same long TTL share one lease", async () => {
    const raw = new Etcd3({ hosts: etcd.endpoints });
    try {
      const before = (await raw.leaseClient.leaseLeases()).leases.length;
      const p = testPrefix("lease-reuse");
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => kv.create(`${p}${i}`, enc("x"), { ttlSeconds: 3600 })),
      );
      const first = await kv.create(`${p}a`, enc("x"), { ttlSeconds: 3600 });
      await kv.update(`${p}a`, enc("y"), first.revision, { ttlSeconds: 3600 });
      assert.ok(results.every((r) => r.succeeded));
      const leases = (await raw.leaseClient.leaseLeases()).leases.length;
      assert.equal(leases - before, 1, "one lease for all twelve writes");
      const ttl = await raw.leaseClient.leaseTimeToLive({ ID: (await raw.get(`${p}a`).exec()).kvs[0]?.lease ?? "0" });
      assert.ok(Number(ttl.TTL) >= 3600 && Number(ttl.grantedTTL) <= 3660, `lease TTL ${ttl.TTL} of ${ttl.grantedTTL}`);
    } finally {
      raw.close();
    }
  });
});

// Compaction last: it makes older revisions unreadable for everything above.
describe("etcd3 driver: compaction", () => {
  it("reads before the compacted revision fail with CompactedError", async () => {
    const p = testPrefix("compact");
    const a = await kv.create(`${p}a`, enc("a1"));
    const b = await kv.update(`${p}a`, enc("a2"), a.revision);
    await kv.update(`${p}a`, enc("a3"), b.revision);

    await kv.compact(b.revision);
    assert.equal(await kv.compactedRevision(), b.revision);

    await assert.rejects(kv.get(`${p}a`, { revision: a.revision }), (err: unknown) => {
      assert.ok(err instanceof CompactedError, String(err));
      assert.equal(err.requestedRevision, a.revision);
      assert.equal(err.compactedRevision, b.revision);
      return true;
    });
    await assert.rejects(kv.range(p, prefixEnd(p), { revision: a.revision }), CompactedError);
    // The compacted revision itself is kept.
    assert.equal(dec((await kv.get(`${p}a`, { revision: b.revision })).kv?.value ?? new Uint8Array()), "a2");

    // Compacting again at or below it is a no-op.
    await kv.compact(b.revision);
    await kv.compact(a.revision);
    await assert.rejects(kv.compact((await kv.currentRevision()) + 10), FutureRevisionError);
  });

  it("a watch from before the compacted revision ends with CompactedError", async () => {
    const p = testPrefix("compact-watch");
    const a = await kv.create(`${p}a`, enc("a1"));
    await kv.update(`${p}a`, enc("a2"), a.revision);
    const compactedAt = await kv.currentRevision();
    await kv.compact(compactedAt);

    const watch = recorder();
    kv.watch(p, a.revision, watch);
    await waitFor("the watch to fail", () => watch.errors.length > 0);
    const err = watch.errors[0];
    assert.ok(err instanceof CompactedError, String(err));
    assert.equal(err.requestedRevision, a.revision);
    assert.equal(err.compactedRevision, compactedAt);
    assert.equal(watch.events.length, 0);
  });

  it("compactedRevision() notices a compaction done by someone else", async () => {
    const raw = new Etcd3({ hosts: etcd.endpoints });
    try {
      const p = testPrefix("compact-elsewhere");
      for (let i = 0; i < 20; i++) await kv.create(`${p}${i}`, enc("x"));
      const target = (await kv.currentRevision()) - 7;
      await raw.kv.compact({ revision: target, physical: true });
      assert.equal(await kv.compactedRevision(), target);
      // A fresh driver knows nothing yet and finds it too.
      const fresh = createEtcd3Driver({ endpoints: etcd.endpoints });
      try {
        assert.equal(await fresh.compactedRevision(), target);
      } finally {
        await fresh.close();
      }
    } finally {
      raw.close();
    }
  });
});
