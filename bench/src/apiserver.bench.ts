// The API server benchmark: gets/s and creates/s over HTTPS for a small
// object (a 1 KiB ConfigMap), 64 concurrent keep-alive clients, for
//
//   bare node:https   a server answering the same bytes from memory (the reference)
//   GenericAPIServer  the library's server: filters, authentication (x509),
//                     REST handlers, the registry, the watch cache, the embedded store
//
// Both servers run in one worker thread (their own event loop, as a separate
// server process would have); the clients run on the main thread, with the
// same client code for both: one https.Agent (keepAlive, maxSockets 64) and
// 64 workers each waiting for its answer before sending the next request.
//
//   GET cached       /api/v1/namespaces/bench/configmaps/obj?resourceVersion=0  (from the watch cache)
//   GET consistent   /api/v1/namespaces/bench/configmaps/obj                    (a read of the store)
//   POST create      /api/v1/namespaces/bench/configmaps                        (a durable write)
//
// Run: pnpm bench:apiserver   (or, after a build: node bench/dist/apiserver.bench.js)
// Environment: BENCH_SECONDS (time per measurement and side, default 4);
// BENCH_ONLY=cached,consistent,create (some of the measurements, e.g. to profile
// one with `node --cpu-prof`, which writes a profile per thread).
//
// Target (issue): cached gets >= 50% of the bare server's rate.

import https from "node:https";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { type KubeObject, ObjectMetaSchema, TypeMetaSchema, optionalField } from "@tskube/apimachinery";
import {
  ALL_VERBS,
  type CertificateAndKey,
  GenericAPIServer,
  type ResourceDefinition,
  X509Authenticator,
  createRegistryStore,
  generateCA,
  generateClientCert,
  generateServingCert,
  silentLogger,
} from "@tskube/generic-apiserver";
import { Store, createStorage, openEmbeddedDriver } from "@tskube/storage";
import { z } from "zod";
import { Cleanup, ThreadCpuMeter, formatPercent, formatRate, formatTable, median, renamed, run, type RunResult, sampleConfigMap } from "./lib/index.js";

const MEASURE_MS = Number(process.env["BENCH_SECONDS"] ?? 4) * 1000;
const ROUNDS = 4; // bare and server alternate in this many rounds of MEASURE_MS / ROUNDS each
const WARMUP_MS = 500;
const CONCURRENCY = 64;
const NAMESPACE = "bench";
const GET_TARGET = 0.5; // cached gets/s, relative to the bare server
const ONLY = new Set((process.env["BENCH_ONLY"] ?? "cached,consistent,create").split(","));

const COLLECTION = `/api/v1/namespaces/${NAMESPACE}/configmaps`;
const OBJECT = `${COLLECTION}/obj`;

// ---- the server side (worker thread) ----------------------------------------------

const ConfigMapSchema = TypeMetaSchema.extend({
  metadata: ObjectMetaSchema.default({}),
  data: optionalField(z.record(z.string(), z.string())),
});
type ConfigMap = z.infer<typeof ConfigMapSchema>;

const configMapDefinition: ResourceDefinition<ConfigMap> = {
  group: "",
  version: "v1",
  kind: "ConfigMap",
  resource: "configmaps",
  singular: "configmap",
  namespaced: true,
  verbs: ALL_VERBS,
  schema: ConfigMapSchema,
  strategy: {},
};

interface ServerData {
  serving: CertificateAndKey;
  clientCA: string;
  dataDir: string;
}

/** What the worker tells the main thread. */
type ServerMessage =
  | { type: "listening"; apiPort: number; barePort: number }
  /** The CPU time (µs) the servers' thread used since the last "busy" question. */
  | { type: "busy"; cpuMicros: number }
  | { type: "stopped" };
/** What the main thread tells the worker. */
type ClientMessage = { type: "bare-bodies"; get: Uint8Array; create: Uint8Array } | { type: "busy" } | { type: "stop" };

async function serve(data: ServerData, port: NonNullable<typeof parentPort>): Promise<void> {
  const kv = openEmbeddedDriver({ dataDir: data.dataDir });
  const cache = createStorage({ store: new Store<ConfigMap>({ kv }), resourcePrefix: "/configmaps", watchCache: { enabled: true } });
  const server = new GenericAPIServer({
    name: "bench-apiserver",
    serving: { cert: data.serving.cert, key: data.serving.key },
    authentication: { authenticators: [new X509Authenticator({ clientCA: data.clientCA })] },
    logger: silentLogger,
  });
  const configMaps = createRegistryStore(configMapDefinition, { storage: cache.storage });
  server.installAPIGroup({ name: "", versions: [{ version: "v1", resources: [configMaps] }] });
  await server.listen();

  // The bare server: the same TLS setup (it asks for client certificates too),
  // answering the bytes the API server answers, from memory.
  let bodies = { get: Buffer.alloc(0), create: Buffer.alloc(0) };
  const bare = https.createServer(
    { cert: data.serving.cert, key: data.serving.key, requestCert: true, rejectUnauthorized: false, ca: data.clientCA },
    (req, res) => {
      const body = req.method === "POST" ? bodies.create : bodies.get;
      const answer = () => {
        res.writeHead(req.method === "POST" ? 201 : 200, { "Content-Type": "application/json", "Content-Length": body.length });
        res.end(body);
      };
      // Read the request body (a create's) before answering, as the API server does.
      req.on("data", () => {});
      req.on("end", answer);
    },
  );
  await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));

  const meter = new ThreadCpuMeter();
  port.on("message", (message: ClientMessage) => {
    if (message.type === "bare-bodies") {
      bodies = { get: Buffer.from(message.get), create: Buffer.from(message.create) };
      return;
    }
    if (message.type === "busy") {
      port.postMessage({ type: "busy", cpuMicros: meter.sinceLast() } satisfies ServerMessage);
      return;
    }
    void (async () => {
      bare.closeAllConnections();
      bare.close();
      await server.shutdown();
      cache.destroy();
      await kv.close();
      port.postMessage({ type: "stopped" } satisfies ServerMessage);
    })();
  });
  const address = bare.address();
  if (address === null || typeof address === "string") throw new Error("the bare server has no port");
  port.postMessage({ type: "listening", apiPort: server.port, barePort: address.port } satisfies ServerMessage);
}

// ---- the client side (main thread) -----------------------------------------------

/** One HTTPS request on the shared agent; resolves with the body once it is all read, rejects on an unexpected status. */
function call(agent: https.Agent, port: number, method: string, path: string, expected: number, body?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) };
    const req = https.request({ host: "127.0.0.1", port, method, path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const answer = Buffer.concat(chunks);
        if (res.statusCode === expected) resolve(answer);
        else reject(new Error(`${method} ${path}: ${res.statusCode}: ${answer.toString("utf8").slice(0, 300)}`));
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The servers' worker thread, as the main thread talks to it. */
class ServerThread {
  private readonly worker: Worker;
  private readonly inbox: ServerMessage[] = [];
  private wake: (() => void) | undefined;
  private failure: unknown;

  constructor(data: ServerData) {
    this.worker = new Worker(new URL(import.meta.url), { workerData: data });
    this.worker.on("message", (message: ServerMessage) => {
      this.inbox.push(message);
      this.wake?.();
    });
    this.worker.on("error", (err) => {
      this.failure = err;
      this.wake?.();
    });
  }

  send(message: ClientMessage): void {
    this.worker.postMessage(message);
  }

  /** The next message of this type (earlier ones of other types are dropped). */
  async receive<K extends ServerMessage["type"]>(type: K): Promise<Extract<ServerMessage, { type: K }>> {
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      const message = this.inbox.shift();
      if (message?.type === type) return message as Extract<ServerMessage, { type: K }>;
      if (message === undefined) await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** The CPU time (µs) the thread used since the previous call. */
  async busy(): Promise<number> {
    this.send({ type: "busy" });
    return (await this.receive("busy")).cpuMicros;
  }

  async stop(): Promise<void> {
    this.send({ type: "stop" });
    await Promise.race([this.receive("stopped"), new Promise((resolve) => setTimeout(resolve, 10_000))]).catch(() => {});
    await this.worker.terminate();
  }
}

/** One side's rate, and the time its server's thread spent per request (medians over the rounds). */
interface Side {
  rate: number;
  /** Microseconds of CPU the servers' thread used per request. */
  serverUs: number;
}

/**
 * Measure bare and server alternately in short rounds (bare first in even
 * rounds, server first in odd ones) and take medians, so that a slow patch
 * of the machine affects both sides alike.
 */
async function bareVsServer(
  thread: ServerThread,
  bare: () => Promise<unknown>,
  server: () => Promise<unknown>,
): Promise<{ bare: Side; server: Side }> {
  const segment = { concurrency: CONCURRENCY, durationMs: MEASURE_MS / ROUNDS };
  await run({ concurrency: CONCURRENCY, durationMs: WARMUP_MS }, bare);
  await run({ concurrency: CONCURRENCY, durationMs: WARMUP_MS }, server);
  const rates = { bare: [] as number[], server: [] as number[] };
  const costs = { bare: [] as number[], server: [] as number[] };
  const measure = async (side: "bare" | "server", op: () => Promise<unknown>) => {
    await thread.busy();
    const result: RunResult = await run(segment, op);
    const busy = await thread.busy();
    rates[side].push(result.opsPerSec);
    costs[side].push(busy / result.ops);
  };
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      await measure("bare", bare);
      await measure("server", server);
    } else {
      await measure("server", server);
      await measure("bare", bare);
    }
  }
  const side = (name: "bare" | "server"): Side => ({ rate: median(rates[name]), serverUs: median(costs[name]) });
  return { bare: side("bare"), server: side("server") };
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  try {
    const ca = await generateCA({ commonName: "bench-ca" });
    const [serving, admin] = await Promise.all([generateServingCert(ca), generateClientCert(ca, { user: "admin", groups: ["system:masters"] })]);
    const dataDir = await mkdtemp(join(tmpdir(), "bench-apiserver-"));
    cleanup.add("data dir", () => rm(dataDir, { recursive: true, force: true }));

    console.error("starting the servers ...");
    const thread = new ServerThread({ serving, clientCA: String(ca.cert), dataDir });
    cleanup.add("servers", () => thread.stop());
    const { apiPort, barePort } = await thread.receive("listening");

    const agent = new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: ca.cert, cert: admin.cert, key: admin.key });
    cleanup.add("client agent", () => agent.destroy());

    // The object every get reads, and the answers the bare server will send.
    const template = sampleConfigMap(NAMESPACE, "template");
    const bodyFor = (name: string): string => {
      // What a client sends: no uid or creationTimestamp, the server sets those.
      const { uid: _uid, creationTimestamp: _created, ...metadata } = template.metadata;
      return JSON.stringify(renamed({ ...template, metadata } as KubeObject, name));
    };
    const created = await call(agent, apiPort, "POST", COLLECTION, 201, bodyFor("obj"));
    const got = await call(agent, apiPort, "GET", OBJECT, 200);
    thread.send({ type: "bare-bodies", get: got, create: created });

    const rows: string[][] = [];
    let cachedRatio = NaN;
    const measure = async (key: string, label: string, target: number | undefined, request: (port: number) => Promise<unknown>) => {
      if (!ONLY.has(key)) return NaN;
      console.error(`${label} ...`);
      const result = await bareVsServer(thread, () => request(barePort), () => request(apiPort));
      const ratio = result.server.rate / result.bare.rate;
      const verdict = target === undefined ? "" : `>= ${formatPercent(target)}: ${ratio >= target ? "PASS" : "FAIL"}`;
      rows.push([
        label,
        formatRate(result.bare.rate),
        formatRate(result.server.rate),
        formatPercent(ratio),
        `${Math.round(result.bare.serverUs)} / ${Math.round(result.server.serverUs)}`,
        verdict,
      ]);
      return ratio;
    };

    cachedRatio = await measure("cached", "GET, cached (resourceVersion=0)", GET_TARGET, (port) =>
      call(agent, port, "GET", `${OBJECT}?resourceVersion=0`, 200),
    );
    await measure("consistent", "GET, consistent (no resourceVersion)", undefined, (port) => call(agent, port, "GET", OBJECT, 200));
    let nextName = 0;
    await measure("create", "POST, create", undefined, (port) => call(agent, port, "POST", COLLECTION, 201, bodyFor(`new-${nextName++}`)));

    console.log(
      formatTable(
        ["operation (requests/s)", "bare node:https", "GenericAPIServer", "server/bare", "server µs/request (bare / server)", "target"],
        rows,
      ),
    );
    console.log(`
${CONCURRENCY} clients on one keep-alive https.Agent (maxSockets ${CONCURRENCY}), each waiting for its answer before the next
request; the same client code for both servers. Both servers share one worker thread; the clients run on the main thread.
"server µs/request": CPU time of the servers' thread (ThreadCpuMeter) per request answered. The API
server's thread is busy all the time (it sets the pace); the bare server's is not (the clients set the pace).
Objects: a ConfigMap of ${got.length} bytes of JSON; the bare server answers the API server's bytes, from memory.
The API server: x509 authentication (system:masters), the full filter chain, the watch cache in front of the
embedded store (SQLite, an fsync per commit, data under ${tmpdir()}).
Rates: bare and server alternate in ${ROUNDS} rounds of ${MEASURE_MS / ROUNDS} ms after a ${WARMUP_MS} ms warm-up each; medians.`);
    if (ONLY.has("cached")) {
      console.log(`\ntarget (cached gets >= ${formatPercent(GET_TARGET)} of bare): ${cachedRatio >= GET_TARGET ? "met" : "NOT met"}`);
    }
  } finally {
    await cleanup.run();
  }
}

if (isMainThread) {
  await main();
} else {
  await serve(workerData as ServerData, parentPort!);
}
