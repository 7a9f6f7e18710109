import assert from "node:assert/strict";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, it } from "node:test";
import { CompactedError, FutureRevisionError, UnavailableError } from "../errors.js";
import { prefixEnd } from "../types.js";
import { openEmbeddedDriver, type EmbeddedDriver } from "./index.js";
import { DATABASE_FILE } from "./open-database.js";
import { bytes, sleep, tempDir, text } from "./test-support.js";

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

/** Keys and values of a range, for short assertions. */
async function listed(start: string, end: string, opts?: { revision?: number; limit?: number }) {
  const result = await kv.range(start, end, opts);
  return { ...result, entries: result.kvs.map((e) => `${e.key}=${text(e.value)}`) };
}

describe("embedded kv: writes", () => {
  it("creates a key once, then fails with the current value", async () => {
    assert.equal(await kv.currentRevision(), 0);
    const first = await kv.create("/a", bytes("v1"));
    assert.equal(first.succeeded, true);
    assert.equal(first.revision, 1);
    assert.deepEqual(first.kv, { key: "/a", value: bytes("v1"), createRevision: 1, modRevision: 1, lease: 0 });

    const again = await kv.create("/a", bytes("v2"));
    assert.equal(again.succeeded, false);
    assert.equal(again.revision, 1, "a failed write does not consume a revision");
    assert.equal(text(again.kv!.value), "v1");
    assert.equal(await kv.currentRevision(), 1);
  });

  it("updates only at the expected modRevision", async () => {
    const created = await kv.create("/a", bytes("v1"));
    const updated = await kv.update("/a", bytes("v2"), created.revision);
    assert.equal(updated.succeeded, true);
    assert.deepEqual(updated.kv, { key: "/a", value: bytes("v2"), createRevision: 1, modRevision: 2, lease: 0 });

    const stale = await kv.update("/a", bytes("v3"), created.revision);
    assert.equal(stale.succeeded, false);
    assert.equal(stale.kv!.modRevision, 2);
    assert.equal(text(stale.kv!.value), "v2");

    const missing = await kv.update("/nope", bytes("x"), 1);
    assert.deepEqual(missing, { succeeded: false, revision: 2, kv: null });
  });

  it("deletes (conditionally or not) and reports the last value", async () => {
    await kv.create("/a", bytes("v1"));
    await kv.create("/b", bytes("v1"));

    const stale = await kv.delete("/a", 99);
    assert.equal(stale.succeeded, false);
    assert.equal(stale.kv!.modRevision, 1);

    const deleted = await kv.delete("/a", 1);
    assert.equal(deleted.succeeded, true);
    assert.equal(deleted.revision, 3);
    assert.deepEqual(deleted.kv, { key: "/a", value: bytes("v1"), createRevision: 1, modRevision: 1, lease: 0 });
    assert.equal((await kv.get("/a")).kv, null);

    assert.equal((await kv.delete("/b")).succeeded, true);
    assert.deepEqual(await kv.delete("/b"), { succeeded: false, revision: 4, kv: null });
  });

  it("re-creates a deleted key with a new createRevision", async () => {
    await kv.create("/a", bytes("v1"));
    await kv.delete("/a");
    const recreated = await kv.create("/a", bytes("v2"));
    assert.equal(recreated.succeeded, true);
    assert.equal(recreated.kv.createRevision, 3);
    assert.equal((await kv.get("/a")).kv!.createRevision, 3);
  });

  it("gives every write of a concurrent burst its own increasing revision and fate", async () => {
    await kv.create("/taken", bytes("x"));
    const results = await Promise.all([
      kv.create("/k1", bytes("1")),
      kv.create("/taken", bytes("y")), // fails, in the same batch as the others
      kv.create("/k2", bytes("2")),
      kv.create("/k1", bytes("again")), // sees the create queued before it
      kv.update("/k2", bytes("2b"), 3), // and can update it
    ]);
    assert.deepEqual(
      results.map((r) => r.succeeded),
      [true, false, true, false, true],
    );
    assert.deepEqual(
      results.filter((r) => r.succeeded).map((r) => r.revision),
      [2, 3, 4],
    );
    assert.equal(text((await kv.get("/k2")).kv!.value), "2b");
  });

  it("copies the caller's buffer", async () => {
    const value = bytes("v1");
    await kv.create("/a", value);
    value[0] = 0;
    assert.equal(text((await kv.get("/a")).kv!.value), "v1");
  });

  it("stores empty values", async () => {
    await kv.create("/empty", new Uint8Array(0));
    assert.deepEqual((await kv.get("/empty")).kv!.value, new Uint8Array(0));
  });
});

describe("embedded kv: reads", () => {
  beforeEach(async () => {
    for (const key of ["/r/a", "/r/b", "/r/c", "/r/d", "/s/a"]) await kv.create(key, bytes(`${key}@1`));
    await kv.delete("/r/c"); // revision 6
  });

  it("lists a prefix sorted by key, without deleted keys", async () => {
    const { entries, count, more, revision } = await listed("/r/", prefixEnd("/r/"));
    assert.deepEqual(entries, ["/r/a=/r/a@1", "/r/b=/r/b@1", "/r/d=/r/d@1"]);
    assert.equal(count, 3);
    assert.equal(more, false);
    assert.equal(revision, 6);
  });

  it("treats end \\0 as no upper bound and honours [start, end)", async () => {
    assert.deepEqual((await listed("/r/b", "\0")).entries, ["/r/b=/r/b@1", "/r/d=/r/d@1", "/s/a=/s/a@1"]);
    assert.deepEqual((await listed("/r/a", "/r/d")).entries, ["/r/a=/r/a@1", "/r/b=/r/b@1"]);
    assert.equal(await kv.count("", "\0"), 4);
    assert.equal(await kv.count("/r/", prefixEnd("/r/")), 3);
  });

  it("cuts at the limit, sets more, and still counts the whole range", async () => {
    const page = await listed("/r/", prefixEnd("/r/"), { limit: 2 });
    assert.deepEqual(page.entries, ["/r/a=/r/a@1", "/r/b=/r/b@1"]);
    assert.equal(page.more, true);
    assert.equal(page.count, 3);

    const exact = await listed("/r/", prefixEnd("/r/"), { limit: 3 });
    assert.equal(exact.more, false);
    assert.equal(exact.count, 3);
  });

  it("reads as of an older revision", async () => {
    await kv.update("/r/a", bytes("changed"), 1); // revision 7
    const before = await listed("/r/", prefixEnd("/r/"), { revision: 3 });
    assert.deepEqual(before.entries, ["/r/a=/r/a@1", "/r/b=/r/b@1", "/r/c=/r/c@1"]);
    assert.equal(before.count, 3);
    assert.equal(before.revision, 3);

    assert.equal(text((await kv.get("/r/a", { revision: 6 })).kv!.value), "/r/a@1");
    assert.equal(text((await kv.get("/r/a")).kv!.value), "changed");
    assert.equal((await kv.get("/r/c", { revision: 5 })).kv!.modRevision, 3);
    assert.equal((await kv.get("/r/c", { revision: 6 })).kv, null);
    assert.equal((await kv.get("/r/d", { revision: 3 })).kv, null, "not created yet");
  });

  it("refuses future revisions", async () => {
    await assert.rejects(kv.range("", "\0", { revision: 7 }), FutureRevisionError);
    await assert.rejects(kv.get("/r/a", { revision: 100 }), FutureRevisionError);
  });
});

describe("embedded kv: compaction", () => {
  it("forgets history before the revision, keeps it readable from there on", async () => {
    await kv.create("/a", bytes("a1")); // 1
    await kv.create("/b", bytes("b1")); // 2
    await kv.update("/a", bytes("a2"), 1); // 3
    await kv.delete("/b"); // 4
    await kv.create("/c", bytes("c1")); // 5
    await kv.update("/a", bytes("a3"), 3); // 6

    await kv.compact(4);
    assert.equal(await kv.compactedRevision(), 4);
    await assert.rejects(kv.range("", "\0", { revision: 3 }), CompactedError);
    await assert.rejects(kv.get("/a", { revision: 1 }), (err: unknown) => {
      assert.ok(err instanceof CompactedError);
      assert.equal(err.requestedRevision, 1);
      assert.equal(err.compactedRevision, 4);
      return true;
    });

    // Revision 4 itself and everything after it are intact.
    const at4 = await kv.range("", "\0", { revision: 4 });
    assert.deepEqual(at4.kvs.map((e) => `${e.key}=${text(e.value)}`), ["/a=a2"]);
    assert.equal(at4.count, 1);
    const now = await kv.range("", "\0");
    assert.deepEqual(now.kvs.map((e) => `${e.key}=${text(e.value)}`), ["/a=a3", "/c=c1"]);
    assert.equal(now.count, 2);
    assert.equal(await kv.count("", "\0"), 2);
    assert.equal((await kv.get("/a")).kv!.createRevision, 1, "createRevision survives compaction");

    // Writes go on with increasing revisions; compaction never reuses one.
    await kv.compact(6);
    const next = await kv.create("/d", bytes("d1"));
    assert.equal(next.revision, 7);
    assert.equal((await kv.range("", "\0", { limit: 1 })).count, 3);
  });

  it("deletes the rows no retained revision can see", async () => {
    await kv.create("/a", bytes("a1")); // 1
    await kv.create("/b", bytes("b1")); // 2
    await kv.update("/a", bytes("a2"), 1); // 3
    await kv.delete("/b"); // 4: a tombstone
    await kv.create("/c", bytes("c1")); // 5
    await kv.update("/a", bytes("a3"), 3); // 6
    const dataDir = kv.dataDir;
    const rowIds = async (): Promise<number[]> => {
      await kv.close();
      const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
      const ids = db.prepare<[], { id: number }>("SELECT id FROM kine ORDER BY id").all().map((row) => row.id);
      db.close();
      kv = openEmbeddedDriver({ dataDir });
      return ids;
    };

    await kv.compact(4);
    // 1 and 2 were superseded by revisions <= 4; the tombstone at 4 stays (watchable).
    assert.deepEqual(await rowIds(), [3, 4, 5, 6]);
    await kv.compact(6);
    assert.deepEqual(await rowIds(), [5, 6]);
    assert.deepEqual((await kv.range("", "\0")).kvs.map((e) => e.key), ["/a", "/c"]);
  });

  it("resumes a compaction cut short by close at the next open", async () => {
    // 100 keys rewritten 250 times: 25,000 revisions, several compaction windows.
    const keys = Array.from({ length: 100 }, (_, i) => `/k/${i}`);
    let revisions = await Promise.all(keys.map(async (key) => (await kv.create(key, bytes("0"))).revision));
    for (let round = 1; round < 250; round++) {
      revisions = await Promise.all(
        keys.map(async (key, i) => (await kv.update(key, bytes(String(round)), revisions[i]!)).revision),
      );
    }
    const dataDir = kv.dataDir;
    const rowCount = (): number => {
      const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
      const { n } = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM kine").get()!;
      db.close();
      return n;
    };

    const compacting = kv.compact(25_000);
    await kv.close(); // stops the compaction before its next window
    await compacting;
    assert.ok(rowCount() > 100, "the compaction did not finish");

    kv = openEmbeddedDriver({ dataDir });
    assert.equal(await kv.compactedRevision(), 25_000);
    await sleep(200); // the reopened driver finishes the job in the background
    await kv.close();
    assert.equal(rowCount(), 100);
    kv = openEmbeddedDriver({ dataDir });
    const all = await kv.range("/k/", prefixEnd("/k/"));
    assert.equal(all.count, 100);
    assert.ok(all.kvs.every((e) => text(e.value) === "249" && e.createRevision <= 100));
  });

  it("refuses to compact to the future or backwards, as etcd", async () => {
    await kv.create("/a", bytes("a1"));
    await kv.create("/b", bytes("b1"));
    await assert.rejects(kv.compact(3), FutureRevisionError);
    await kv.compact(2);
    await assert.rejects(kv.compact(2), CompactedError);
    await assert.rejects(kv.compact(1), CompactedError);
  });

  it("keeps the compacted revision across a reopen", async () => {
    await kv.create("/a", bytes("a1"));
    await kv.update("/a", bytes("a2"), 1);
    await kv.compact(2);
    const dataDir = kv.dataDir;
    await kv.close();
    kv = openEmbeddedDriver({ dataDir });
    assert.equal(await kv.compactedRevision(), 2);
    assert.equal(await kv.currentRevision(), 2);
    assert.equal(text((await kv.get("/a")).kv!.value), "a2");
  });
});

describe("embedded kv: close", () => {
  it("acknowledges the writes queued before close, then refuses new ones", async () => {
    const pending = kv.create("/late", bytes("v"));
    await kv.close();
    assert.equal((await pending).succeeded, true);
    await assert.rejects(kv.create("/after", bytes("v")), UnavailableError);
    await assert.rejects(kv.currentRevision(), UnavailableError);
  });
});
