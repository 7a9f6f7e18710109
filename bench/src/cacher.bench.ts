// The watch cache benchmark, on both stacks (etcd3 and embedded):
//
//   list      10,000 objects of ~1 KiB from the cacher (resourceVersion "0", and
//             "" = consistent) vs the same list from the store it sits on
//   fan-out   1,000 watchers on one resource, 100 writes/s: events delivered
//             per second, and latency from the write to each watcher's receipt
//             (p50/p99), beside one watch straight on the store in the same run
//   memory    heap held by 10,000 cached objects beside their raw JSON size
//
// Run: pnpm build && node bench/dist/cacher.bench.js
// Environment: BENCH_FANOUT_SECONDS (length of the fan-out run, default 10), ETCD_BIN.
//
// Targets (issue): lists from the cache >= 10x faster than from etcd; 1,000
// watchers x 100 writes/s delivered with p99 under 100 ms; cached memory <= 3x
// the raw JSON size.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import type { KubeObject } from "@tskube/apimachinery";
import {
  type Cacher,
  type KvDriver,
  type Watch,
  createEtcd3Driver,
  encodeObject,
  newCacher,
  openEmbeddedDriver,
  Store,
} from "@tskube/storage";
import {
  Cleanup,
  formatMs,
  formatRate,
  formatTable,
  medianMs,
  renamed,
  run,
  sampleConfigMap,
  startThrowawayEtcd,
} from "./lib/index.js";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

const LIST_SIZE = 10_000;
const LIST_TIMES = 5;
const WATCHERS = 1_000;
const WRITES_PER_SECOND = 100;
const FANOUT_SECONDS = Number(process.env["BENCH_FANOUT_SECONDS"] ?? 10);

const LIST_SPEEDUP_TARGET = 10;
const P99_TARGET_MS = 100;
const MEMORY_TARGET = 3;

const template = sampleConfigMap("bench", "template");
type Row = string[];

function verdict(ok: boolean): string {
  return ok ? "PASS" : "FAIL";
}

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Fill `/configmaps/bench/` with LIST_SIZE objects; returns the size of their JSON as stored. */
async function populate(store: Store): Promise<number> {
  let next = 0;
  let bytes = 0;
  await run({ concurrency: 64, count: LIST_SIZE }, () => {
    const name = `obj-${String(next++).padStart(5, "0")}`;
    const obj = renamed(template, name);
    bytes += encodeObject(obj).length;
    return store.create(`/configmaps/bench/${name}`, obj);
  });
  return bytes;
}

/** Memory and list rows for one stack; leaves the cacher running for the fan-out. */
async function cacheAndList(stack: string, store: Store): Promise<{ rows: Row[]; cacher: Cacher; met: boolean }> {
  console.error(`${stack}: populating ${LIST_SIZE} objects ...`);
  const rawBytes = await populate(store);

  console.error(`${stack}: loading the cache ...`);
  const before = heapUsed();
  const cacher = newCacher(store, { resourcePrefix: "/configmaps" });
  if (!(await cacher.waitUntilReady(60_000))) throw new Error("the cacher did not load in 60 s");
  const held = heapUsed() - before;

  console.error(`${stack}: lists ...`);
  const time = async (what: string, list: () => Promise<{ items: unknown[] }>): Promise<number> => {
    const count = (await list()).items.length; // warm-up, and a check
    if (count !== LIST_SIZE) throw new Error(`${what} returned ${count} objects, expected ${LIST_SIZE}`);
    return medianMs(LIST_TIMES, list);
  };
  const fromStore = await time("store list", () => store.getList("/configmaps/bench/"));
  const anyFromCache = await time("cacher list rv=0", () =>
    cacher.getList("/configmaps/bench/", { resourceVersion: "0" }),
  );
  const consistentFromCache = await time("cacher list rv=''", () => cacher.getList("/configmaps/bench/"));
  if (cacher.stats.listsFromStore > 0) throw new Error("a cacher list was answered by the store");

  const speedup = (ms: number) => fromStore / ms;
  const listRow = (what: string, ms: number): Row => {
    const target = stack === "etcd3" ? `>= ${LIST_SPEEDUP_TARGET}x: ${verdict(speedup(ms) >= LIST_SPEEDUP_TARGET)}` : "";
    return [what, stack, formatMs(ms), formatMs(fromStore), "store list", `${speedup(ms).toFixed(1)}x`, target];
  };
  const count = LIST_SIZE.toLocaleString("en-US");
  const ratio = held / rawBytes;
  const memoryTarget = `<= ${MEMORY_TARGET}x: ${verdict(ratio <= MEMORY_TARGET)}`;
  const rows: Row[] = [
    listRow(`list ${count}, rv="0"`, anyFromCache),
    listRow(`list ${count}, rv="" (consistent)`, consistentFromCache),
    [`memory, ${count} cached objects`, stack, mib(held), mib(rawBytes), "raw JSON", `${ratio.toFixed(2)}x`, memoryTarget],
  ];
  const listsMet = Math.min(speedup(anyFromCache), speedup(consistentFromCache)) >= LIST_SPEEDUP_TARGET;
  const met = ratio <= MEMORY_TARGET && (stack !== "etcd3" || listsMet);
  return { rows, cacher, met };
}

/** Receipt times of one watcher, by write index (NaN = not received). */
function receiver(watch: Watch, writes: number, onEvent: () => void): { receipts: Float64Array; done: Promise<void> } {
  const receipts = new Float64Array(writes).fill(NaN);
  const done = (async () => {
    let received = 0;
    for await (const event of watch) {
      if (event.type === "ERROR") throw new Error(`watch failed: ${event.object.message}`);
      if (event.type === "BOOKMARK") continue;
      const i = Number((event.object["data"] as Record<string, string>)["i"]);
      receipts[i] = performance.now();
      onEvent();
      if (++received === writes) break;
    }
  })();
  return { receipts, done };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Latencies (receipt - start[i]) of every receipt, sorted; receipts before the start count as 0. */
function latencies(receipts: Float64Array[], start: Float64Array): Float64Array {
  const all = new Float64Array(receipts.length * start.length);
  let n = 0;
  for (const r of receipts) {
    for (let i = 0; i < start.length; i++) all[n++] = Math.max(0, (r[i] as number) - (start[i] as number));
  }
  return all.sort();
}

async function fanOut(stack: string, store: Store, cacher: Cacher): Promise<{ rows: Row[]; met: boolean }> {
  const writes = WRITES_PER_SECOND * FANOUT_SECONDS;
  console.error(`${stack}: fan-out, ${WATCHERS} watchers, ${WRITES_PER_SECOND} writes/s for ${FANOUT_SECONDS} s ...`);
  const from = String(cacher.revision);
  const watches = await Promise.all(
    Array.from({ length: WATCHERS }, () => cacher.watch("/configmaps/fanout/", { resourceVersion: from })),
  );
  const reference = await store.watch("/configmaps/fanout/", { resourceVersion: from });

  let delivered = 0;
  let lastReceipt = 0;
  const countIt = () => {
    delivered++;
    lastReceipt = performance.now();
  };
  const receivers = watches.map((w) => receiver(w, writes, countIt));
  const direct = receiver(reference, writes, () => {});

  const issued = new Float64Array(writes);
  const acked = new Float64Array(writes);
  const pending: Promise<unknown>[] = [];
  const started = performance.now();
  for (let i = 0; i < writes; i++) {
    // Steady rate: write i at started + i * interval, whatever the previous writes are doing.
    const wait = started + (i * 1000) / WRITES_PER_SECOND - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const obj: KubeObject = { ...renamed(template, `f${i}`), data: { i: String(i) } };
    issued[i] = performance.now();
    pending.push(store.create(`/configmaps/fanout/f${i}`, obj).then(() => (acked[i] = performance.now())));
  }
  await Promise.all(pending);
  const deadline = setTimeout(() => {
    for (const w of [...watches, reference]) w.stop();
  }, 30_000);
  await Promise.all([...receivers.map((r) => r.done), direct.done]);
  clearTimeout(deadline);

  const missing = receivers.reduce((n, r) => n + r.receipts.filter(Number.isNaN).length, 0);
  if (missing > 0) throw new Error(`${missing} events were not delivered`);
  const eventsPerSecond = delivered / ((lastReceipt - started) / 1000);
  const fromAck = latencies(receivers.map((r) => r.receipts), acked);
  const fromIssue = latencies(receivers.map((r) => r.receipts), issued);
  const refAck = latencies([direct.receipts], acked);
  const refIssue = latencies([direct.receipts], issued);
  const p = (sorted: Float64Array) => `${formatMs(percentile(sorted, 50))} / ${formatMs(percentile(sorted, 99))}`;
  const p99 = percentile(fromAck, 99);
  const expected = WATCHERS * WRITES_PER_SECOND;
  const deliveredShare = `${Math.round((eventsPerSecond / expected) * 100)}%`;
  const latencyTarget = `p99 < ${P99_TARGET_MS} ms: ${verdict(p99 < P99_TARGET_MS)}`;
  const rows: Row[] = [
    [
      `fan-out: events delivered/s (${WATCHERS} x ${WRITES_PER_SECOND}/s)`,
      stack,
      formatRate(eventsPerSecond),
      formatRate(expected),
      "writes/s x watchers",
      deliveredShare,
      "",
    ],
    ["fan-out: ack -> receipt, p50 / p99", stack, p(fromAck), p(refAck), "1 store watch", "", latencyTarget],
    ["fan-out: write sent -> receipt, p50 / p99", stack, p(fromIssue), p(refIssue), "1 store watch", "", ""],
  ];
  return { rows, met: p99 < P99_TARGET_MS };
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  try {
    console.error("starting etcd ...");
    const etcd = await startThrowawayEtcd();
    cleanup.add("etcd", () => etcd.destroy());
    const etcdKv = createEtcd3Driver({ endpoints: etcd.endpoints });
    cleanup.add("etcd3 driver", () => etcdKv.close());
    const dataDir = await mkdtemp(join(tmpdir(), "bench-cacher-"));
    cleanup.add("embedded data dir", () => rm(dataDir, { recursive: true, force: true }));
    const embeddedKv = openEmbeddedDriver({ dataDir });
    cleanup.add("embedded driver", () => embeddedKv.close());

    const rows: Row[] = [];
    let met = true;
    const stacks: [string, KvDriver][] = [["etcd3", etcdKv], ["embedded", embeddedKv]];
    for (const [stack, kv] of stacks) {
      const store = new Store({ kv });
      const cached = await cacheAndList(stack, store);
      cleanup.add(`${stack} cacher`, () => cached.cacher.stop());
      const fan = await fanOut(stack, store, cached.cacher);
      cached.cacher.stop();
      rows.push(...cached.rows, ...fan.rows);
      met &&= cached.met && fan.met;
    }

    console.log(formatTable(["measurement", "stack", "cacher", "reference", "reference is", "ratio", "target"], rows));
    console.log(`
list: median of ${LIST_TIMES} after one warm-up; store list = Store.getList on the same kv store (rv "", read from
  the kv store and decoded); rv="" from the cacher includes asking the store for its current revision.
memory: heap growth (after GC) from starting the cacher until it holds the ${LIST_SIZE.toLocaleString("en-US")} objects,
  beside the bytes of their JSON as stored.
fan-out: writes go straight to the store at a steady ${WRITES_PER_SECOND}/s (${WRITES_PER_SECOND * FANOUT_SECONDS} creates),
  ${WATCHERS} cacher watchers and 1 store watch (one kv watch of its own) read them in the same process; latency per delivered
  event, from the write's acknowledgement (or its sending) to the watcher's receipt; an event that arrives
  before the acknowledgement counts as 0.
etcd runs on ${etcd.dataDir.startsWith("/dev/shm") ? "tmpfs" : "disk"}; the embedded store's data dir is ${dataDir}.`);
    console.log(`\ntargets: ${met ? "all met" : "NOT all met"}`);
  } finally {
    await cleanup.run();
  }
}

await main();
