// The storage benchmark: creates/s and gets/s at concurrency 1, 16 and 64,
// and the time to list 10,000 objects, for
//
//   raw etcd3       the etcd3 npm client sending the same etcd requests the
//                   store's driver sends (the reference)
//   store on etcd3  Store over the etcd3 kv driver, on the same etcd, in the same run
//   embedded store  Store over the embedded SQLite driver (durable: fsync per commit)
//
// Run: pnpm bench:storage   (or, after a build: node bench/dist/storage.bench.js)
// Environment: BENCH_SECONDS (time per measurement, default 3), ETCD_BIN.
//
// Targets (issue): the etcd3 store >= 80% of raw etcd3 creates/s at
// concurrency 64; the embedded store >= 5,000 durable creates/s at concurrency 64.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KubeObject } from "@tskube/apimachinery";
import { createEtcd3Driver, encodeObject, openEmbeddedDriver, prefixEnd, Store } from "@tskube/storage";
import { Etcd3 } from "etcd3";
import {
  Cleanup,
  formatMs,
  formatPercent,
  formatRate,
  formatTable,
  median,
  medianMs,
  renamed,
  run,
  type RunResult,
  sampleConfigMap,
  startThrowawayEtcd,
} from "./lib/index.js";

const MEASURE_MS = Number(process.env["BENCH_SECONDS"] ?? 3) * 1000;
if (!(MEASURE_MS > 0)) throw new Error("BENCH_SECONDS must be a positive number");
const WARMUP_MS = 300;
const ROUNDS = 10; // raw and store alternate in this many rounds of MEASURE_MS / ROUNDS each
const CONCURRENCIES = [1, 16, 64];
const LIST_SIZE = 10_000;
const LIST_TIMES = 5;
const NAMESPACE = "bench";

const STORE_TARGET = 0.8; // etcd3 store creates/s at c64, relative to raw etcd3
const EMBEDDED_TARGET = 5_000; // embedded store durable creates/s at c64

/** What is measured, for each of the three subjects. */
interface Subject {
  /** Create `name` in the create namespace (must not exist). */
  create(name: string): Promise<unknown>;
  /** Read an object of the list namespace. */
  get(name: string): Promise<unknown>;
  /** List the list namespace; the number of objects. */
  list(): Promise<number>;
}

const template = sampleConfigMap(NAMESPACE, "template");
const templateBytes = encodeObject(template);
/** The raw client's value: the template's bytes, as a Buffer gRPC sends without copying. */
const templateBuffer = Buffer.from(templateBytes.buffer, templateBytes.byteOffset, templateBytes.byteLength);

/** The store: objects under `/configmaps/<ns>/<name>` (the kv keys get the store's `/registry` prefix). */
function storeSubject(store: Store): Subject {
  return {
    create: (name) => store.create(`/configmaps/create/${name}`, renamed(template, name)),
    get: (name) => store.get(`/configmaps/${NAMESPACE}/${name}`),
    list: async () => (await store.getList(`/configmaps/${NAMESPACE}/`)).items.length,
  };
}

/**
 * The etcd3 client, sending what the etcd3 driver sends: create is the txn
 * "if mod_revision(key) == 0 then put else range", get a range of one key,
 * list a range over the prefix. Values are the template's bytes (~1 KiB, the
 * same size as the store's); nothing is encoded or decoded.
 */
function rawSubject(client: Etcd3, prefix: string): Subject {
  const key = (ns: string, name: string): Buffer => Buffer.from(`${prefix}/configmaps/${ns}/${name}`);
  const listKey = `${prefix}/configmaps/${NAMESPACE}/`;
  return {
    async create(name) {
      const k = key("create", name);
      const res = await client.kv.txn({
        compare: [{ key: k, target: "Mod", result: "Equal", mod_revision: 0 }],
        success: [{ request_put: { key: k, value: templateBuffer } }],
        failure: [{ request_range: { key: k } }],
      });
      if (!res.succeeded) throw new Error(`raw create: ${name} exists`);
    },
    async get(name) {
      const res = await client.kv.range({ key: key(NAMESPACE, name) });
      if (res.kvs.length !== 1) throw new Error(`raw get: ${name} not found`);
    },
    async list() {
      const res = await client.kv.range({ key: Buffer.from(listKey), range_end: Buffer.from(prefixEnd(listKey)) });
      return res.kvs.length;
    },
  };
}

/** Fill the list namespace with LIST_SIZE objects (`obj-0` ...). */
async function populate(put: (name: string, obj: KubeObject) => Promise<unknown>): Promise<void> {
  let next = 0;
  await run({ concurrency: 64, count: LIST_SIZE }, () => {
    const name = `obj-${next++}`;
    return put(name, renamed(template, name));
  });
}

/** Rates of raw etcd3 and the store on etcd3 for one operation (medians over the rounds). */
interface Pair {
  raw: number;
  store: number;
  /** CPU of this process per call, in microseconds (medians). */
  rawCpuUs: number;
  storeCpuUs: number;
}

/**
 * Measure raw and store alternately in short rounds (raw first in even
 * rounds, store first in odd ones) and take medians, so that a slow patch of
 * the machine or a growing database affects both sides alike.
 */
async function rawVsStore(
  concurrency: number,
  raw: (worker: number) => Promise<unknown>,
  store: (worker: number) => Promise<unknown>,
): Promise<Pair> {
  const segment = { concurrency, durationMs: MEASURE_MS / ROUNDS };
  await run({ concurrency, durationMs: WARMUP_MS }, raw);
  await run({ concurrency, durationMs: WARMUP_MS }, store);
  const rawRuns: RunResult[] = [];
  const storeRuns: RunResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      rawRuns.push(await run(segment, raw));
      storeRuns.push(await run(segment, store));
    } else {
      storeRuns.push(await run(segment, store));
      rawRuns.push(await run(segment, raw));
    }
  }
  return {
    raw: median(rawRuns.map((r) => r.opsPerSec)),
    store: median(storeRuns.map((r) => r.opsPerSec)),
    rawCpuUs: median(rawRuns.map((r) => r.cpuUsPerOp)),
    storeCpuUs: median(storeRuns.map((r) => r.cpuUsPerOp)),
  };
}

/** Names for one subject's calls. */
interface Names {
  /** A name never used before, for a create. */
  nextNew(): string;
  /** The next object of the list namespace, for a get. */
  nextExisting(): string;
}

/** Sequential names for creates, and a walk over the list namespace for gets. */
function namers(): Names {
  let created = 0;
  let read = 0;
  return {
    nextNew: () => `new-${created++}`,
    // A stride coprime with LIST_SIZE visits every object, not only neighbours.
    nextExisting: () => `obj-${(read++ * 7919) % LIST_SIZE}`,
  };
}

function verdict(ok: boolean): string {
  return ok ? "PASS" : "FAIL";
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  try {
    console.error("starting etcd ...");
    const etcd = await startThrowawayEtcd();
    cleanup.add("etcd", () => etcd.destroy());
    console.error(`etcd at ${etcd.endpoints.join(",")}, data in ${etcd.dataDir}`);
    // Without a higher receive limit gRPC refuses a 10 MiB range (default 4 MiB); the driver sets the same.
    const client = new Etcd3({ hosts: etcd.endpoints, grpcOptions: { "grpc.max_receive_message_length": -1 } });
    cleanup.add("raw etcd3 client", () => client.close());
    const driver = createEtcd3Driver({ endpoints: etcd.endpoints });
    cleanup.add("etcd3 driver", () => driver.close());

    const dataDir = await mkdtemp(join(tmpdir(), "bench-embedded-"));
    cleanup.add("embedded data dir", () => rm(dataDir, { recursive: true, force: true }));
    const embeddedKv = openEmbeddedDriver({ dataDir });
    cleanup.add("embedded driver", () => embeddedKv.close());

    const etcdStore = new Store({ kv: driver });
    const embeddedStore = new Store({ kv: embeddedKv });
    const raw = rawSubject(client, "/raw-etcd"); // as long as "/registry", so keys are the same size
    const onEtcd = storeSubject(etcdStore);
    const embedded = storeSubject(embeddedStore);

    console.error(`populating ${LIST_SIZE} objects per subject ...`);
    await populate((name) =>
      client.put(`/raw-etcd/configmaps/${NAMESPACE}/${name}`).value(templateBuffer).exec(),
    );
    await populate((name, obj) => etcdStore.create(`/configmaps/${NAMESPACE}/${name}`, obj));
    await populate((name, obj) => embeddedStore.create(`/configmaps/${NAMESPACE}/${name}`, obj));

    const names = { raw: namers(), store: namers(), embedded: namers() };
    const rows: string[][] = [];
    let storeRatioAt64 = NaN;
    let embeddedCreatesAt64 = NaN;

    for (const op of ["create", "get"] as const) {
      for (const concurrency of CONCURRENCIES) {
        console.error(`${op} x${concurrency} ...`);
        const call = (subject: Subject, n: Names) => () =>
          op === "create" ? subject.create(n.nextNew()) : subject.get(n.nextExisting());
        const pair = await rawVsStore(concurrency, call(raw, names.raw), call(onEtcd, names.store));
        const emb = await run(
          { concurrency, durationMs: MEASURE_MS, warmupMs: WARMUP_MS },
          call(embedded, names.embedded),
        );
        const ratio = pair.store / pair.raw;
        let target = "";
        if (op === "create" && concurrency === 64) {
          storeRatioAt64 = ratio;
          embeddedCreatesAt64 = emb.opsPerSec;
          target = `store/raw >= 80%: ${verdict(ratio >= STORE_TARGET)}; embedded >= 5,000/s: ${verdict(emb.opsPerSec >= EMBEDDED_TARGET)}`;
        }
        rows.push([
          `${op}s/s`,
          String(concurrency),
          formatRate(pair.raw),
          formatRate(pair.store),
          formatPercent(ratio),
          `${Math.round(pair.rawCpuUs)} / ${Math.round(pair.storeCpuUs)}`,
          formatRate(emb.opsPerSec),
          target,
        ]);
      }
    }

    console.error(`list of ${LIST_SIZE} ...`);
    const timeList = async (subject: Subject): Promise<number> => {
      const count = await subject.list(); // warm-up, and a check
      if (count !== LIST_SIZE) throw new Error(`list returned ${count} objects, expected ${LIST_SIZE}`);
      return medianMs(LIST_TIMES, () => subject.list());
    };
    const rawList = await timeList(raw);
    const storeList = await timeList(onEtcd);
    const embeddedList = await timeList(embedded);
    rows.push([
      `list of ${LIST_SIZE.toLocaleString("en-US")}`,
      "1",
      formatMs(rawList),
      formatMs(storeList),
      formatPercent(rawList / storeList),
      "",
      formatMs(embeddedList),
      "",
    ]);

    console.log(
      formatTable(
        ["operation", "concurrency", "raw etcd3", "store on etcd3", "store/raw", "client CPU µs/op (raw / store)", "embedded store", "target"],
        rows,
      ),
    );
    console.log(`
raw etcd3: the etcd3 client sending the driver's requests (create = txn "if absent then put", the store's
  shape; get = range of one key; list = one range over the prefix), same etcd, same run, no encoding.
store/raw: store throughput as a share of raw (for the list: raw time / store time); 100% = no overhead.
client CPU: CPU time of this Node process per call (the client side; etcd's own CPU is not included).
etcd's data is on ${etcd.dataDir.startsWith("/dev/shm") ? "tmpfs (its fsyncs cost nothing)" : "disk"}; the embedded store's is under ${tmpdir()} (an fsync per commit).
Rates: raw and store alternate in ${ROUNDS} rounds of ${MEASURE_MS / ROUNDS} ms each after a ${WARMUP_MS} ms warm-up; medians.
  Embedded: one run of ${MEASURE_MS} ms after a warm-up. Objects: ConfigMaps of ${templateBytes.length} bytes of JSON.
List: median of ${LIST_TIMES} lists after one warm-up.`);

    const met = storeRatioAt64 >= STORE_TARGET && embeddedCreatesAt64 >= EMBEDDED_TARGET;
    console.log(`\ntargets: ${met ? "all met" : "NOT all met"}`);
  } finally {
    await cleanup.run();
  }
}

await main();
