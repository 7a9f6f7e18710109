import assert from "node:assert/strict";
import { afterEach, beforeEach, describe as suite, it } from "node:test";
import type { KvEvent } from "../types.js";
import { openEmbeddedDriver, type EmbeddedDriver } from "./index.js";
import { bytes, describe, sleep, tempDir, waitFor } from "./test-support.js";

const SWEEP_MS = 20;

let kv: EmbeddedDriver;
let dataDir: string;
let cleanup: () => void;

beforeEach(() => {
  const tmp = tempDir();
  dataDir = tmp.dir;
  cleanup = tmp.cleanup;
  kv = openEmbeddedDriver({ dataDir, leaseSweepIntervalMs: SWEEP_MS });
});

afterEach(async () => {
  try {
    await kv.close();
  } finally {
    cleanup();
  }
});

function collect(prefix: string): KvEvent[] {
  const events: KvEvent[] = [];
  kv.watch(prefix, 0, { onEvents: (batch) => events.push(...batch), onError: () => {} /* closed by afterEach */ });
  return events;
}

suite("embedded kv: leases", () => {
  it("deletes a key when its TTL runs out, with a delete event", async () => {
    const events = collect("/");
    const created = await kv.create("/lease", bytes("v"), { ttlSeconds: 1 });
    await kv.create("/forever", bytes("v"));
    assert.equal(created.succeeded, true);
    assert.equal(created.kv.lease, 1, "leased keys carry a non-zero lease");
    assert.equal((await kv.get("/lease")).kv!.lease, 1);
    assert.equal((await kv.get("/forever")).kv!.lease, 0);

    await sleep(500);
    assert.notEqual((await kv.get("/lease")).kv, null, "not before its TTL");

    await waitFor(() => events.length === 3, 3000);
    assert.deepEqual(events.map(describe), ["put /lease=v @1", "put /forever=v @2", "delete /lease @3 (prev v @1)"]);
    assert.equal(events[2]!.prevKv!.lease, 1);
    assert.equal((await kv.get("/lease")).kv, null);
    assert.notEqual((await kv.get("/forever")).kv, null);
  });

  it("a rewrite restarts the TTL, and a write without TTL removes it", async () => {
    const first = await kv.create("/renewed", bytes("v1"), { ttlSeconds: 1 });
    const unleased = await kv.create("/unleased", bytes("v1"), { ttlSeconds: 1 });
    await sleep(600);
    await kv.update("/renewed", bytes("v2"), first.revision, { ttlSeconds: 1 });
    await kv.update("/unleased", bytes("v2"), unleased.revision);
    await sleep(600);
    assert.notEqual((await kv.get("/renewed")).kv, null, "1.2s after create, 0.6s after the rewrite");
    const events = collect("/");
    await waitFor(() => events.length === 1, 3000);
    assert.deepEqual(events.map(describe), ["delete /renewed @5 (prev v2 @3)"]);
    assert.equal((await kv.get("/unleased")).kv!.lease, 0);
  });

  it("leased keys still expire after a reopen", async () => {
    await kv.create("/lease", bytes("v"), { ttlSeconds: 1 });
    await kv.close();
    kv = openEmbeddedDriver({ dataDir, leaseSweepIntervalMs: SWEEP_MS });
    assert.notEqual((await kv.get("/lease")).kv, null);
    await sleep(1000 + 5 * SWEEP_MS);
    assert.equal((await kv.get("/lease")).kv, null);
  });
});
