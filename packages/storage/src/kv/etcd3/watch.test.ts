import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startEtcdServer, type EtcdServer } from "../../testing/etcd-server.js";
import type { KvEvent } from "../types.js";
import { createEtcd3Driver, type Etcd3Driver } from "./driver.js";
import { dec, enc, recorder, sleep, testPrefix, waitFor } from "./test-util.js";

let etcd: EtcdServer;
let kv: Etcd3Driver;

before(async () => {
  etcd = await startEtcdServer();
  kv = createEtcd3Driver({ endpoints: etcd.endpoints });
});

after(async () => {
  await kv?.close();
  await etcd?.destroy();
});

const WRITERS = 8;
const WRITES_PER_WRITER = 100;

/** One writer: create its key, update it (WRITES_PER_WRITER - 2) times, then delete it. */
async function writer(key: string): Promise<void> {
  let rev = (await kv.create(key, enc("0"))).revision;
  for (let i = 1; i < WRITES_PER_WRITER - 1; i++) {
    const res = await kv.update(key, enc(String(i)), rev);
    assert.ok(res.succeeded);
    rev = res.revision;
  }
  assert.ok((await kv.delete(key, rev)).succeeded);
}

/** Check one key's events: puts "0".."98" then a delete, each carrying the value before it. */
function checkKeyHistory(key: string, events: KvEvent[]): void {
  assert.equal(events.length, WRITES_PER_WRITER, key);
  events.forEach((e, i) => {
    const previous = events[i - 1];
    if (i === WRITES_PER_WRITER - 1) {
      assert.equal(e.type, "delete");
      assert.equal(e.kv.value.length, 0, "a delete event carries no value");
    } else {
      assert.equal(e.type, "put");
      assert.equal(dec(e.kv.value), String(i));
    }
    if (!previous) {
      assert.equal(e.prevKv, undefined, "a create has no previous value");
      assert.equal(e.kv.createRevision, e.kv.modRevision);
      return;
    }
    assert.ok(e.prevKv, `${key} event ${i} lacks prevKv`);
    assert.equal(dec(e.prevKv.value), dec(previous.kv.value));
    assert.equal(e.prevKv.modRevision, previous.kv.modRevision);
  });
}

describe("etcd3 driver: watch", () => {
  it("delivers every event from a revision exactly once, in order, with previous values", async () => {
    const p = testPrefix("concurrent");
    const from = (await kv.currentRevision()) + 1;
    const all = recorder();
    const w = kv.watch(p, from, all);
    try {
      await Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(`${p}w${i}`)));
      const total = WRITERS * WRITES_PER_WRITER;
      await waitFor(`${total} events`, () => all.events.length >= total, 30_000);
      await sleep(200); // anything extra (a duplicate) would arrive now
      assert.equal(all.events.length, total);
      assert.deepEqual(all.errors, []);

      const revisions = all.events.map((e) => e.kv.modRevision);
      assert.equal(revisions[0], from);
      revisions.forEach((r, i) => i > 0 && assert.ok(r > (revisions[i - 1] ?? 0), `revision ${r} after ${revisions[i - 1]}`));
      assert.equal(new Set(revisions).size, total, "one event per write");
      for (let i = 0; i < WRITERS; i++) {
        const key = `${p}w${i}`;
        checkKeyHistory(key, all.events.filter((e) => e.kv.key === key));
      }

      // A second watch from the middle of that history sees exactly its tail.
      const middle = revisions[total / 2] ?? 0;
      const tail = recorder();
      const w2 = kv.watch(p, middle, tail);
      try {
        await waitFor("the tail", () => tail.events.length >= total / 2, 10_000);
        await sleep(200);
        assert.deepEqual(tail.events, all.events.slice(total / 2));
      } finally {
        w2.cancel();
      }
    } finally {
      w.cancel();
    }
  });

  it("only sees its prefix", async () => {
    const p = testPrefix("prefix");
    const from = (await kv.currentRevision()) + 1;
    const watch = recorder();
    const w = kv.watch(`${p}in/`, from, watch);
    try {
      await kv.create(`${p}in/a`, enc("a"));
      await kv.create(`${p}in-not/b`, enc("b"));
      await kv.create(`${p}ia`, enc("c"));
      await kv.create(`${p}in/d`, enc("d"));
      await waitFor("two events", () => watch.events.length >= 2);
      await sleep(200);
      assert.deepEqual(watch.events.map((e) => e.kv.key), [`${p}in/a`, `${p}in/d`]);
    } finally {
      w.cancel();
    }
  });

  it("from revision 0 sees only changes made after it started", async () => {
    const p = testPrefix("from-now");
    const old = await kv.create(`${p}old`, enc("before the watch"));
    const watch = recorder();
    const w = kv.watch(p, 0, watch);
    try {
      // The watch starts asynchronously: write until it reports something.
      for (let i = 0; watch.events.length === 0; i++) {
        assert.ok(i < 100, "the watch never saw a write");
        await kv.create(`${p}new-${i}`, enc("after"));
        await sleep(50);
      }
      assert.ok(watch.events.every((e) => e.kv.modRevision > old.revision && e.kv.key !== `${p}old`));
    } finally {
      w.cancel();
    }
  });

  it("never calls back inside watch() and stops calling back once cancelled", async () => {
    const p = testPrefix("cancel");
    const first = await kv.create(`${p}a`, enc("a"));
    let returned = false;
    let calledEarly = false;
    const events: KvEvent[] = [];
    const w = kv.watch(p, first.revision, {
      onEvents: (batch) => {
        if (!returned) calledEarly = true;
        events.push(...batch);
      },
      onError: () => {
        if (!returned) calledEarly = true;
      },
    });
    returned = true;
    await waitFor("the first event", () => events.length === 1);
    assert.equal(calledEarly, false);

    w.cancel();
    await kv.create(`${p}b`, enc("b"));
    await sleep(300);
    assert.equal(events.length, 1);
  });

  it("a watch from a future revision starts there", async () => {
    const p = testPrefix("future");
    const current = await kv.currentRevision();
    const watch = recorder();
    const w = kv.watch(p, current + 3, watch);
    try {
      for (const name of ["a", "b", "c", "d"]) await kv.create(`${p}${name}`, enc(name));
      await waitFor("two events", () => watch.events.length >= 2);
      await sleep(200);
      assert.deepEqual(watch.events.map((e) => e.kv.modRevision), [current + 3, current + 4]);
    } finally {
      w.cancel();
    }
  });
});
