// The driver when etcd goes away: every call fails within its deadline with
// UnavailableError (never hangs), and once etcd is back the same driver works
// again, for calls and for new watches. A watch open across an outage
// resumes without loss if etcd is back within the dial timeout, and ends
// with UnavailableError otherwise.

import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, afterEach, before, describe, it } from "node:test";
import { startEtcdServer, type EtcdServer } from "../../testing/etcd-server.js";
import { UnavailableError } from "../errors.js";
import { prefixEnd, type KvDriver } from "../types.js";
import { createEtcd3Driver, type Etcd3Driver } from "./driver.js";
import { dec, enc, recorder, sleep, testPrefix, waitFor } from "./test-util.js";

const REQUEST_TIMEOUT_MS = 1_500;
/** Allowed on top of the timeout: timers and a loaded machine. */
const SLACK_MS = 1_000;

let etcd: EtcdServer;
const drivers: Etcd3Driver[] = [];

function driver(opts: { dialTimeoutMs?: number } = {}): Etcd3Driver {
  const kv = createEtcd3Driver({ endpoints: etcd.endpoints, requestTimeoutMs: REQUEST_TIMEOUT_MS, ...opts });
  drivers.push(kv);
  return kv;
}

before(async () => {
  etcd = await startEtcdServer();
});

afterEach(async () => {
  // Every test leaves etcd running, whatever happened in it.
  etcd.resume();
  if (!(await isUp())) await etcd.start();
});

after(async () => {
  await Promise.all(drivers.map((kv) => kv.close()));
  await etcd?.destroy();
});

/** A loopback URL where nothing listens. */
async function deadEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  assert.ok(address !== null && typeof address === "object");
  return `http://127.0.0.1:${address.port}`;
}

async function isUp(): Promise<boolean> {
  try {
    const res = await fetch(`${etcd.endpoints[0]}/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Every kind of call, each expected to fail fast with UnavailableError. */
function everyCall(kv: KvDriver, p: string, rev: number): Record<string, () => Promise<unknown>> {
  return {
    get: () => kv.get(`${p}a`),
    create: () => kv.create(`${p}new`, enc("x")),
    "create with TTL": () => kv.create(`${p}ttl`, enc("x"), { ttlSeconds: 3600 }),
    update: () => kv.update(`${p}a`, enc("y"), rev),
    delete: () => kv.delete(`${p}a`, rev),
    range: () => kv.range(p, prefixEnd(p)),
    count: () => kv.count(p, prefixEnd(p)),
    currentRevision: () => kv.currentRevision(),
    compactedRevision: () => kv.compactedRevision(),
  };
}

async function assertAllUnavailable(calls: Record<string, () => Promise<unknown>>): Promise<void> {
  await Promise.all(
    Object.entries(calls).map(async ([name, call]) => {
      const started = Date.now();
      await assert.rejects(call(), (err: unknown) => {
        assert.ok(err instanceof UnavailableError, `${name}: ${String(err)}`);
        return true;
      });
      const ms = Date.now() - started;
      assert.ok(ms <= REQUEST_TIMEOUT_MS + SLACK_MS, `${name} took ${ms} ms`);
    }),
  );
}

/** Retry `call` until it succeeds; how long that took. */
async function timeUntilWorks(call: () => Promise<unknown>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      await call();
      return Date.now() - started;
    } catch (err) {
      if (Date.now() - started > timeoutMs) throw err;
      await sleep(50);
    }
  }
}

describe("etcd3 driver: faults", () => {
  it("with etcd stopped every call fails with UnavailableError in time; after a restart the same driver works", async () => {
    const kv = driver();
    const p = testPrefix("stopped");
    const a = await kv.create(`${p}a`, enc("a"));

    await etcd.stop();
    await assertAllUnavailable(everyCall(kv, p, a.revision));

    await etcd.start();
    const ms = await timeUntilWorks(() => kv.get(`${p}a`), 5_000);
    assert.ok(ms < 2_000, `calls worked again only after ${ms} ms`);
    assert.equal(dec((await kv.get(`${p}a`)).kv?.value ?? new Uint8Array()), "a");
    assert.ok((await kv.update(`${p}a`, enc("b"), a.revision)).succeeded);
    assert.ok((await kv.create(`${p}ttl`, enc("x"), { ttlSeconds: 3600 })).succeeded);

    // A new watch on the same driver works too.
    const from = (await kv.currentRevision()) + 1;
    const watch = recorder();
    const w = kv.watch(p, from, watch);
    try {
      await kv.create(`${p}after`, enc("after"));
      await waitFor("the event", () => watch.events.length === 1);
      assert.equal(watch.events[0]?.kv.key, `${p}after`);
    } finally {
      w.cancel();
    }
  });

  it("with etcd frozen every call fails with UnavailableError at its deadline", async () => {
    const kv = driver();
    const p = testPrefix("frozen");
    const a = await kv.create(`${p}a`, enc("a"));

    etcd.pause();
    await assertAllUnavailable(everyCall(kv, p, a.revision));

    etcd.resume();
    await timeUntilWorks(() => kv.get(`${p}a`), 5_000);
  });

  it("a watch open across a short outage resumes where it was: nothing lost, nothing twice", async () => {
    // Long enough for etcd to restart before the watch gives up.
    const kv = driver({ dialTimeoutMs: 30_000 });
    const p = testPrefix("resume");
    const from = (await kv.currentRevision()) + 1;
    const watch = recorder();
    const w = kv.watch(p, from, watch);
    try {
      for (const name of ["a", "b", "c"]) await kv.create(`${p}${name}`, enc(name));
      await waitFor("3 events", () => watch.events.length === 3);

      await etcd.stop();
      await sleep(500);
      await etcd.start();
      // Written at once, very likely before the watch has reconnected.
      for (const name of ["d", "e", "f"]) {
        await timeUntilWorks(() => kv.create(`${p}${name}`, enc(name)), 5_000);
      }
      await waitFor("6 events", () => watch.events.length >= 6, 15_000);
      await sleep(300);
      assert.deepEqual(watch.errors, []);
      assert.deepEqual(watch.events.map((e) => dec(e.kv.value)), ["a", "b", "c", "d", "e", "f"]);
      const revisions = watch.events.map((e) => e.kv.modRevision);
      assert.deepEqual(revisions, [...revisions].sort((x, y) => x - y));
    } finally {
      w.cancel();
    }
  });

  it("a watch disconnected for longer than its dial timeout ends with UnavailableError", async () => {
    const kv = driver(); // dial timeout = request timeout
    const p = testPrefix("give-up");
    const from = (await kv.currentRevision()) + 1;
    const watch = recorder();
    kv.watch(p, from, watch);
    await kv.create(`${p}a`, enc("a"));
    await waitFor("the event", () => watch.events.length === 1);

    await etcd.stop();
    const stopped = Date.now();
    await waitFor("the watch to fail", () => watch.errors.length > 0, REQUEST_TIMEOUT_MS + SLACK_MS + 1_000);
    const ms = Date.now() - stopped;
    assert.ok(ms <= REQUEST_TIMEOUT_MS + SLACK_MS, `the watch failed after ${ms} ms`);
    assert.equal(watch.errors.length, 1);
    assert.ok(watch.errors[0] instanceof UnavailableError, String(watch.errors[0]));

    // The caller watches again from where it was once etcd is back.
    await etcd.start();
    await timeUntilWorks(() => kv.create(`${p}b`, enc("b")), 5_000);
    const again = recorder();
    const w = kv.watch(p, (watch.events[0]?.kv.modRevision ?? 0) + 1, again);
    try {
      await waitFor("the missed event", () => again.events.length === 1);
      assert.equal(again.events[0]?.kv.key, `${p}b`);
      assert.equal(watch.events.length, 1, "nothing after onError");
    } finally {
      w.cancel();
    }
  });

  it("with several endpoints, calls and watches move on from one that is down", async () => {
    const kv = createEtcd3Driver({ endpoints: [await deadEndpoint(), ...etcd.endpoints], requestTimeoutMs: REQUEST_TIMEOUT_MS });
    drivers.push(kv);
    const p = testPrefix("failover");
    const from = (await kv.currentRevision()) + 1;
    const watch = recorder();
    const w = kv.watch(p, from, watch);
    try {
      // Each call picks an endpoint at random: 20 calls all but surely try the dead one.
      for (let i = 0; i < 20; i++) await kv.create(`${p}${i}`, enc("x"));
      await waitFor("20 events", () => watch.events.length === 20);
      assert.deepEqual(watch.errors, []);
    } finally {
      w.cancel();
    }
  });

  it("a watch started while etcd is down ends with UnavailableError", async () => {
    const kv = driver();
    await etcd.stop();
    const watch = recorder();
    const started = Date.now();
    kv.watch(testPrefix("down"), 0, watch);
    await waitFor("the watch to fail", () => watch.errors.length > 0, REQUEST_TIMEOUT_MS + SLACK_MS + 1_000);
    assert.ok(Date.now() - started <= REQUEST_TIMEOUT_MS + SLACK_MS);
    assert.ok(watch.errors[0] instanceof UnavailableError, String(watch.errors[0]));
  });
});
