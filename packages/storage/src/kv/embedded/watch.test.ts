import assert from "node:assert/strict";
import { afterEach, beforeEach, describe as suite, it } from "node:test";
import { CompactedError, UnavailableError } from "../errors.js";
import type { KvEvent, KvWatch } from "../types.js";
import { openEmbeddedDriver, type EmbeddedDriver } from "./index.js";
import { bytes, describe, sleep, tempDir, waitFor } from "./test-support.js";

let kv: EmbeddedDriver;
let cleanup: () => void;

beforeEach(() => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  kv = openEmbeddedDriver({ dataDir: tmp.dir });
});

afterEach(async () => {
  try {
    await kv.close();
  } finally {
    cleanup();
  }
});

/** A watch that records what it receives. */
function record(prefix: string, fromRevision: number) {
  const events: KvEvent[] = [];
  const errors: Error[] = [];
  const progress: number[] = [];
  const watch: KvWatch = kv.watch(prefix, fromRevision, {
    onEvents: (batch) => events.push(...batch),
    onError: (err) => errors.push(err),
    onProgress: (revision) => progress.push(revision),
  });
  return { events, errors, progress, watch, described: () => events.map(describe) };
}

suite("embedded kv: watch", () => {
  it("requestProgress reports the current revision of an idle prefix, after queued events", async () => {
    const w = record("/idle/", 0);
    await waitFor(() => w.progress.length === 0 && w.errors.length === 0);
    await kv.create("/busy/x", bytes("1")); // moves the revision without touching /idle/
    const { revision } = await kv.create("/busy/y", bytes("2"));
    w.progress.length = 0;
    w.watch.requestProgress?.();
    await waitFor(() => w.progress.length === 1);
    assert.deepEqual(w.progress, [revision]);
    assert.deepEqual(w.events, []);
    w.watch.cancel();
  });

  it("from 0 delivers only later changes, never inside watch()", async () => {
    await kv.create("/a", bytes("old"));
    const w = record("/", 0);
    assert.equal(w.events.length, 0);
    await kv.update("/a", bytes("new"), 1);
    await kv.delete("/a");
    await waitFor(() => w.events.length === 2);
    assert.deepEqual(w.described(), ["put /a=new @2 (prev old @1)", "delete /a @3 (prev new @2)"]);
    assert.deepEqual(w.errors, []);
  });

  it("does not call back synchronously even when history is ready", async () => {
    await kv.create("/a", bytes("v"));
    let calledDuringWatch = false;
    let insideWatch = true;
    kv.watch("/", 1, {
      onEvents: () => (calledDuringWatch ||= insideWatch),
      onError: () => (calledDuringWatch ||= insideWatch),
    });
    insideWatch = false;
    await sleep(20);
    assert.equal(calledDuringWatch, false);
  });

  it("replays history with previous values, then continues live, filtered by prefix", async () => {
    await kv.create("/p/a", bytes("a1")); // 1
    await kv.create("/q/a", bytes("other")); // 2
    await kv.update("/p/a", bytes("a2"), 1); // 3
    await kv.delete("/p/a"); // 4
    const w = record("/p/", 2);
    await kv.create("/p/b", bytes("b1")); // 5
    await kv.create("/q/b", bytes("other")); // 6
    await kv.create("/p/a", bytes("a3")); // 7
    await waitFor(() => w.events.length === 4);
    assert.deepEqual(w.described(), [
      "put /p/a=a2 @3 (prev a1 @1)",
      "delete /p/a @4 (prev a2 @3)",
      "put /p/b=b1 @5",
      "put /p/a=a3 @7",
    ]);
    assert.equal(w.events[3]!.kv.createRevision, 7);
    assert.ok(w.progress.length > 0 && w.progress[0]! >= 4, "reports progress once caught up");
  });

  it("starting at a future revision skips the revisions before it", async () => {
    await kv.create("/a", bytes("1")); // 1
    const w = record("/", 3);
    await kv.create("/b", bytes("2")); // 2
    await kv.create("/c", bytes("3")); // 3
    await waitFor(() => w.events.length === 1);
    assert.deepEqual(w.described(), ["put /c=3 @3"]);
  });

  it("delivers every event exactly once, in order, while writers race the catch-up", async () => {
    // Enough history for the catch-up to take several pages (and turns of the event loop).
    const history = Array.from({ length: 2500 }, (_, i) => kv.create(`/w/history/${i}`, bytes("h")));
    await Promise.all(history);
    const fromStart = record("/w/", 1);
    const others = record("/x/", 1);

    const writers = 8;
    const writesEach = 100;
    let midway: ReturnType<typeof record> | undefined;
    let midwayFrom = 0;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < writesEach; i++) {
          const key = `/w/${w}/${i % 10}`;
          const current = (await kv.get(key)).kv;
          if (!current) await kv.create(key, bytes(`${w}.${i}`));
          else if (i % 7 === 0) await kv.delete(key, current.modRevision);
          else await kv.update(key, bytes(`${w}.${i}`), current.modRevision);
          if (w === 0 && i === 50) {
            midwayFrom = (await kv.currentRevision()) - 20;
            midway = record("/w/", midwayFrom);
          }
        }
      }),
    );
    const last = await kv.currentRevision();
    assert.equal(last, 2500 + writers * writesEach);

    await waitFor(() => fromStart.events.length >= last && midway!.events.length >= last - midwayFrom + 1);
    await sleep(20); // nothing more may arrive
    const revisions = (events: KvEvent[]) => events.map((e) => e.kv.modRevision);
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    assert.deepEqual(revisions(fromStart.events), range(1, last));
    assert.deepEqual(revisions(midway!.events), range(midwayFrom, last));
    assert.deepEqual(others.events, []);

    // Live events look exactly like the same events replayed from the log.
    const replay = record("/w/", 1);
    await waitFor(() => replay.events.length === last);
    assert.deepEqual(fromStart.described(), replay.described());
    assert.deepEqual(fromStart.events, replay.events);
  });

  it("fails with CompactedError before the compacted revision, works from it", async () => {
    await kv.create("/a", bytes("1")); // 1
    await kv.update("/a", bytes("2"), 1); // 2
    await kv.delete("/a"); // 3
    await kv.create("/b", bytes("1")); // 4
    await kv.compact(3);

    const tooOld = record("/", 2);
    const atCompacted = record("/", 3);
    await waitFor(() => tooOld.errors.length === 1 && atCompacted.events.length === 2);
    assert.ok(tooOld.errors[0] instanceof CompactedError);
    assert.equal((tooOld.errors[0] as CompactedError).compactedRevision, 3);
    assert.deepEqual(tooOld.events, []);
    assert.deepEqual(atCompacted.described(), ["delete /a @3 (prev 2 @2)", "put /b=1 @4"]);
  });

  it("stops delivering as soon as it is cancelled", async () => {
    // The first watcher cancels the second when the batch reaches it, so the
    // second has events queued but not yet delivered: it must get none.
    let cancelSecond = () => {};
    const first = kv.watch("/", 0, {
      onEvents: () => cancelSecond(),
      onError: () => assert.fail("no error expected"),
    });
    const second = record("/", 0);
    cancelSecond = () => second.watch.cancel();
    await kv.create("/a", bytes("1"));
    await kv.create("/b", bytes("2"));
    await sleep(20);
    assert.deepEqual(second.events, []);
    first.cancel();

    // Cancelled from inside onEvents: nothing after that batch.
    const seen: string[] = [];
    const watch = kv.watch("/", 0, {
      onEvents: (batch) => {
        seen.push(...batch.map((e) => e.kv.key));
        watch.cancel();
      },
      onError: () => assert.fail("no error expected"),
    });
    await kv.create("/c", bytes("3"));
    await kv.create("/d", bytes("4"));
    await sleep(20);
    assert.deepEqual(seen, ["/c"]);
  });

  it("ends open watches with UnavailableError on close", async () => {
    const w = record("/", 0);
    await kv.close();
    assert.equal(w.errors.length, 1);
    assert.ok(w.errors[0] instanceof UnavailableError);
  });
});
