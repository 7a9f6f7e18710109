// The aggregator benchmark: gets/s of one flunder through the kube-aggregator's
// proxy, beside the same gets sent straight to the sample-apiserver, in the
// same run, 64 concurrent keep-alive clients.
//
//   direct      client ──https──▶ sample-apiserver                         (x509 client certificate)
//   proxied     client ──https──▶ kube-aggregator ──https──▶ sample-apiserver
//               (x509 at the aggregator; the proxy resolves the Service's EndpointSlice, verifies the sample's
//                certificate against the APIService's caBundle, and sends X-Remote-* over its front-proxy certificate)
//   bare proxy  client ──https──▶ node:https proxy ──https──▶ sample-apiserver   (the reference: the least any
//               Node proxy does, with the same TLS on both legs, the same front-proxy certificate and X-Remote-*
//               headers, and nothing else: no filters, no lookups)
//
// Each server runs in its own worker thread (its own event loop, as its own
// process would); the clients run on the main thread with the same code for
// every side. The request: GET /apis/wardle.example.com/v1alpha1/namespaces/bench/flunders/obj?resourceVersion=0
// (from the sample's watch cache).
//
// Run: pnpm bench:aggregator   (or, after a build: node bench/dist/aggregator.bench.js)
// Environment: BENCH_SECONDS (measured time per side, default 4), BENCH_WARMUP_SECONDS (warm-up per side,
// default 3), BENCH_CONCURRENCY (clients, default 64).
//
// Target (issue): through the kube-aggregator >= 60% of direct. The bare proxy shows what any Node proxy
// costs here, so the aggregator's own share can be told from the hop's.

import https from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import type { KubeObject } from "@tskube/apimachinery";
import {
  AlwaysAllowAuthorizer,
  type CertificateAndKey,
  GenericAPIServer,
  type RequestScope,
  StorageFactory,
  X509Authenticator,
  generateCA,
  generateClientCert,
  generateServingCert,
  silentLogger,
} from "@tskube/generic-apiserver";
import { createAggregatorServer, isAPIServiceAvailable } from "@tskube/kube-aggregator";
import { authenticatorsFor, createSampleServer, parseClusterAuthentication } from "@tskube/sample-apiserver";
import { openEmbeddedDriver } from "@tskube/storage";
import { Cleanup, ThreadCpuMeter, formatPercent, formatRate, formatTable, median, run } from "./lib/index.js";

const MEASURE_MS = Number(process.env["BENCH_SECONDS"] ?? 4) * 1000;
const ROUNDS = 4;
const WARMUP_MS = Number(process.env["BENCH_WARMUP_SECONDS"] ?? 3) * 1000;
const CONCURRENCY = Number(process.env["BENCH_CONCURRENCY"] ?? 64);
const TARGET = 0.6;
const OBJECT = "/apis/wardle.example.com/v1alpha1/namespaces/bench/flunders/obj?resourceVersion=0";

interface PKI {
  clusterCA: CertificateAndKey;
  frontProxyCA: CertificateAndKey;
  sampleCA: CertificateAndKey;
  aggregatorServing: CertificateAndKey;
  sampleServing: CertificateAndKey;
  proxyClient: CertificateAndKey;
}

type WorkerData =
  | { role: "sample"; pki: PKI; dataDir: string }
  | { role: "aggregator"; pki: PKI; dataDir: string; samplePort: number }
  | { role: "bare proxy"; pki: PKI; samplePort: number };
type ServerMessage = { type: "listening"; port: number } | { type: "busy"; cpuMicros: number } | { type: "stopped" };
type ClientMessage = "busy" | "stop";

/** Answers "busy" with the CPU time the thread used since the last question (µs); "stop" with `stop()`. */
function answerMessages(port: NonNullable<typeof parentPort>, stop: () => Promise<void>): void {
  const meter = new ThreadCpuMeter();
  port.on("message", (message: ClientMessage) => {
    if (message === "busy") {
      port.postMessage({ type: "busy", cpuMicros: meter.sinceLast() } satisfies ServerMessage);
    } else {
      void stop().then(() => port.postMessage({ type: "stopped" } satisfies ServerMessage));
    }
  });
}

const scope: RequestScope = { namespace: "bench", dryRun: false, warnings: [] };

// ---- the servers (worker threads) ------------------------------------------------

async function serveSample(data: Extract<WorkerData, { role: "sample" }>, port: NonNullable<typeof parentPort>): Promise<void> {
  // What the kube-apiserver would publish in extension-apiserver-authentication.
  const auth = parseClusterAuthentication({
    "client-ca-file": data.pki.clusterCA.cert,
    "requestheader-client-ca-file": data.pki.frontProxyCA.cert,
    "requestheader-allowed-names": '["front-proxy-client"]',
    "requestheader-username-headers": '["X-Remote-User"]',
    "requestheader-group-headers": '["X-Remote-Group"]',
    "requestheader-extra-headers-prefix": '["X-Remote-Extra-"]',
  });
  const sample = createSampleServer({
    dataDir: data.dataDir,
    generic: {
      serving: { cert: data.pki.sampleServing.cert, key: data.pki.sampleServing.key },
      authentication: { authenticators: authenticatorsFor(auth) },
      authorization: { authorizer: new AlwaysAllowAuthorizer() },
      logger: silentLogger,
      processMetrics: false,
    },
  });
  await sample.server.listen();
  await sample.storage.flunders.main.create(scope, {
    apiVersion: "wardle.example.com/v1alpha1",
    kind: "Flunder",
    metadata: { name: "obj", namespace: "bench", labels: { app: "bench" } },
    spec: { reference: "other", referenceType: "Flunder" },
  });
  answerMessages(port, () => sample.close());
  port.postMessage({ type: "listening", port: sample.server.port } satisfies ServerMessage);
}

async function serveAggregator(data: Extract<WorkerData, { role: "aggregator" }>, port: NonNullable<typeof parentPort>): Promise<void> {
  const kv = openEmbeddedDriver({ dataDir: data.dataDir });
  const storage = new StorageFactory({ kv });
  // What the kube-apiserver would have stored: the sample's Service and its endpoint.
  await storage.storageFor<KubeObject>("/services").create("/services/wardle/api", {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "api", namespace: "wardle" },
    spec: { ports: [{ name: "https", port: 443, targetPort: data.samplePort }] },
  } as KubeObject);
  await storage.storageFor<KubeObject>("/endpointslices").create("/endpointslices/wardle/api-1", {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: { name: "api-1", namespace: "wardle", labels: { "kubernetes.io/service-name": "api" } },
    addressType: "FQDN",
    endpoints: [{ addresses: ["api.wardle.localhost"], conditions: { ready: true } }],
    ports: [{ name: "https", port: data.samplePort }],
  } as KubeObject);

  const delegate = new GenericAPIServer({ name: "delegate", logger: silentLogger, processMetrics: false });
  const { server, apiServices } = createAggregatorServer({
    generic: {
      serving: { cert: data.pki.aggregatorServing.cert, key: data.pki.aggregatorServing.key },
      authentication: { authenticators: [new X509Authenticator({ clientCA: data.pki.clusterCA.cert })] },
      authorization: { authorizer: new AlwaysAllowAuthorizer() },
      logger: silentLogger,
      processMetrics: false,
    },
    delegate,
    storage,
    proxyClientCert: data.pki.proxyClient,
  });
  await server.listen();
  await apiServices.main.create(
    { namespace: "", dryRun: false, warnings: [] },
    {
      apiVersion: "apiregistration.k8s.io/v1",
      kind: "APIService",
      metadata: { name: "v1alpha1.wardle.example.com" },
      spec: {
        group: "wardle.example.com",
        version: "v1alpha1",
        service: { namespace: "wardle", name: "api", port: 443 },
        caBundle: Buffer.from(data.pki.sampleCA.cert).toString("base64"),
        groupPriorityMinimum: 1000,
        versionPriority: 15,
      },
    },
  );
  for (const deadline = Date.now() + 30_000; ; ) {
    const apiService = await apiServices.main.get({ namespace: "", dryRun: false, warnings: [] }, "v1alpha1.wardle.example.com");
    if (isAPIServiceAvailable(apiService)) break;
    if (Date.now() > deadline) throw new Error(`the APIService did not turn available: ${JSON.stringify(apiService.status)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  answerMessages(port, async () => {
    await server.shutdown();
    storage.destroy();
    await kv.close();
  });
  port.postMessage({ type: "listening", port: server.port } satisfies ServerMessage);
}

/**
 * The reference proxy: a node:https server that passes each request to the
 * sample over a keep-alive agent with the front-proxy certificate, naming the
 * client's certificate's user in X-Remote-User/X-Remote-Group, and writes the
 * sample's answer back in one go, as the aggregator does. The client's
 * certificate is verified by the TLS handshake and read once per connection.
 */
async function serveBareProxy(data: Extract<WorkerData, { role: "bare proxy" }>, port: NonNullable<typeof parentPort>): Promise<void> {
  const agent = new https.Agent({
    keepAlive: true,
    ca: data.pki.sampleCA.cert,
    cert: data.pki.proxyClient.cert,
    key: data.pki.proxyClient.key,
    servername: "api.wardle.svc",
  });
  // The user of each connection, read from its certificate once.
  const users = new WeakMap<TLSSocket, { name: string; group: string }>();
  const server = https.createServer(
    { cert: data.pki.aggregatorServing.cert, key: data.pki.aggregatorServing.key, requestCert: true, rejectUnauthorized: true, ca: data.pki.clusterCA.cert },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      let user = users.get(socket);
      if (user === undefined) {
        const subject = socket.getPeerCertificate().subject;
        user = { name: String(subject?.CN ?? ""), group: String(subject?.O ?? "") };
        users.set(socket, user);
      }
      const headers = { ...req.headers, "x-remote-user": user.name, "x-remote-group": user.group };
      const backend = https.request({ host: "127.0.0.1", port: data.samplePort, path: req.url, method: req.method, headers, agent }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks));
        });
      });
      backend.on("error", () => res.destroy());
      req.pipe(backend);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  answerMessages(port, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    agent.destroy();
  });
  port.postMessage({ type: "listening", port: (server.address() as AddressInfo).port } satisfies ServerMessage);
}

// ---- the clients (main thread) ---------------------------------------------------

function get(agent: https.Agent, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: "127.0.0.1", port, path: OBJECT, agent, headers: { Accept: "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`GET: ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 300)}`))));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

interface ServerThread {
  port: number;
  /** The CPU time (µs) the thread used since the previous call. */
  busy(): Promise<number>;
}

/** A server's worker thread: started, waited for, stopped. */
async function startServer(data: WorkerData, cleanup: Cleanup): Promise<ServerThread> {
  const worker = new Worker(new URL(import.meta.url), { workerData: data });
  const messages: ServerMessage[] = [];
  let wake: (() => void) | undefined;
  let failure: unknown;
  worker.on("message", (m: ServerMessage) => {
    messages.push(m);
    wake?.();
  });
  worker.on("error", (err) => {
    failure = err;
    wake?.();
  });
  const next = async (type: ServerMessage["type"]): Promise<ServerMessage> => {
    for (;;) {
      if (failure !== undefined) throw failure;
      const m = messages.shift();
      if (m?.type === type) return m;
      if (m === undefined) await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  cleanup.add(`${data.role} server`, async () => {
    worker.postMessage("stop" satisfies ClientMessage);
    await Promise.race([next("stopped"), new Promise((resolve) => setTimeout(resolve, 10_000))]).catch(() => {});
    await worker.terminate();
  });
  const listening = await next("listening");
  return {
    port: listening.type === "listening" ? listening.port : 0,
    async busy() {
      worker.postMessage("busy" satisfies ClientMessage);
      const answer = await next("busy");
      return answer.type === "busy" ? answer.cpuMicros : NaN;
    },
  };
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  try {
    const [clusterCA, frontProxyCA, sampleCA] = await Promise.all([
      generateCA({ commonName: "bench-cluster-ca" }),
      generateCA({ commonName: "bench-front-proxy-ca" }),
      generateCA({ commonName: "bench-sample-ca" }),
    ]);
    const [aggregatorServing, sampleServing, proxyClient, admin] = await Promise.all([
      generateServingCert(clusterCA),
      generateServingCert(sampleCA, { hosts: ["api.wardle.svc", "localhost", "127.0.0.1"] }),
      generateClientCert(frontProxyCA, { user: "front-proxy-client" }),
      generateClientCert(clusterCA, { user: "admin", groups: ["system:masters"] }),
    ]);
    const pki: PKI = { clusterCA, frontProxyCA, sampleCA, aggregatorServing, sampleServing, proxyClient };
    const sampleDir = await mkdtemp(join(tmpdir(), "bench-sample-"));
    const aggregatorDir = await mkdtemp(join(tmpdir(), "bench-aggregator-"));
    cleanup.add("data dirs", async () => {
      await rm(sampleDir, { recursive: true, force: true });
      await rm(aggregatorDir, { recursive: true, force: true });
    });

    console.error("starting the sample-apiserver, the kube-aggregator and the bare proxy ...");
    const sample = await startServer({ role: "sample", pki, dataDir: sampleDir }, cleanup);
    const aggregator = await startServer({ role: "aggregator", pki, dataDir: aggregatorDir, samplePort: sample.port }, cleanup);
    const bareProxy = await startServer({ role: "bare proxy", pki, samplePort: sample.port }, cleanup);
    const servers = [sample, aggregator, bareProxy];

    const agentFor = (ca: string) => new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca, cert: admin.cert, key: admin.key });
    const agents = { direct: agentFor(sampleCA.cert), bare: agentFor(clusterCA.cert), aggregator: agentFor(clusterCA.cert) };
    cleanup.add("client agents", () => Object.values(agents).forEach((agent) => agent.destroy()));
    type SideName = "direct" | "bare proxy" | "kube-aggregator";
    const sides: Record<SideName, { send: () => Promise<void>; proxy: ServerThread | undefined }> = {
      direct: { send: () => get(agents.direct, sample.port), proxy: undefined },
      "bare proxy": { send: () => get(agents.bare, bareProxy.port), proxy: bareProxy },
      "kube-aggregator": { send: () => get(agents.aggregator, aggregator.port), proxy: aggregator },
    };
    const names = Object.keys(sides) as SideName[];

    console.error("GET ...");
    const segment = { concurrency: CONCURRENCY, durationMs: MEASURE_MS / ROUNDS };
    for (const name of names) await run({ concurrency: CONCURRENCY, durationMs: WARMUP_MS }, sides[name].send);
    const rates: Record<SideName, number[]> = { direct: [], "bare proxy": [], "kube-aggregator": [] };
    // Microseconds of CPU per request answered: the client thread, the sample's, the proxy's, and the rest of the process.
    type Cost = { client: number[]; sample: number[]; proxy: number[]; other: number[] };
    const newCost = (): Cost => ({ client: [], sample: [], proxy: [], other: [] });
    const cost: Record<SideName, Cost> = { direct: newCost(), "bare proxy": newCost(), "kube-aggregator": newCost() };
    const clientMeter = new ThreadCpuMeter();
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate which side goes first, so a slow patch of the machine affects all alike.
      const order = names.map((_, i) => names[(i + round) % names.length]!);
      for (const name of order) {
        const side = sides[name];
        await Promise.all(servers.map((server) => server.busy()));
        clientMeter.sinceLast();
        const processBefore = process.cpuUsage();
        const result = await run(segment, side.send);
        const clientBusy = clientMeter.sinceLast();
        const processUsage = process.cpuUsage(processBefore);
        const [sampleBusy, aggregatorBusy, bareBusy] = await Promise.all(servers.map((server) => server.busy()));
        const proxyBusy = side.proxy === aggregator ? aggregatorBusy! : side.proxy === bareProxy ? bareBusy! : 0;
        rates[name].push(result.opsPerSec);
        cost[name].client.push(clientBusy / result.ops);
        cost[name].sample.push(sampleBusy! / result.ops);
        cost[name].proxy.push(proxyBusy / result.ops);
        // The rest of the process: V8's garbage-collector and compiler threads, libuv's pool (and an idle proxy's timers).
        const processBusy = processUsage.user + processUsage.system;
        cost[name].other.push((processBusy - clientBusy - sampleBusy! - aggregatorBusy! - bareBusy!) / result.ops);
      }
    }
    const rate = (name: SideName) => median(rates[name]);
    const ratio = rate("kube-aggregator") / rate("direct");
    // The benchmark's result is its report on stdout (progress goes to stderr), as every bench here.
    console.log(
      formatTable(
        ["operation (requests/s)", "direct to sample-apiserver", "through a bare node:https proxy", "through kube-aggregator", "bare/direct", "kube-aggregator/direct", "kube-aggregator/bare", "target"],
        [
          [
            "GET flunder (resourceVersion=0)",
            formatRate(rate("direct")),
            formatRate(rate("bare proxy")),
            formatRate(rate("kube-aggregator")),
            formatPercent(rate("bare proxy") / rate("direct")),
            formatPercent(ratio),
            formatPercent(rate("kube-aggregator") / rate("bare proxy")),
            `>= ${formatPercent(TARGET)}: ${ratio >= TARGET ? "PASS" : "FAIL"}`,
          ],
        ],
      ),
    );
    // Where the machine's CPU went, per request answered: on 2 cores the threads share them.
    const us = (values: number[]) => String(Math.round(median(values)));
    const costRow = (name: SideName) => {
      const c = cost[name];
      const total = median(c.client) + median(c.sample) + median(c.proxy) + median(c.other);
      return [name, us(c.client), us(c.sample), name === "direct" ? "-" : us(c.proxy), us(c.other), String(Math.round(total))];
    };
    console.log();
    console.log(formatTable(["CPU µs/request", "client thread", "sample-apiserver", "proxy", "rest of process (GC, ...)", "total"], names.map(costRow)));
    console.log(`
${CONCURRENCY} clients per side, each on one keep-alive https.Agent (maxSockets ${CONCURRENCY}), each waiting for its answer
before the next request. The sample-apiserver, the kube-aggregator and the bare proxy each run in a worker thread; the
clients on the main thread. kube-aggregator: x509 at the aggregator (system:masters), the aggregator's filters, the
proxy (EndpointSlice lookup, TLS to the sample verified against the caBundle, front-proxy certificate, X-Remote-*
headers), then the sample's request-header authentication and its handler. Bare proxy: the same two TLS legs, the
front-proxy certificate and X-Remote-* headers, nothing else. Direct: x509 at the sample. Rates: the sides take turns
in ${ROUNDS} rounds of ${MEASURE_MS / ROUNDS} ms after a ${WARMUP_MS} ms warm-up each; medians.

target (kube-aggregator >= ${formatPercent(TARGET)} of direct): ${ratio >= TARGET ? "met" : "NOT met"}`);
  } finally {
    await cleanup.run();
  }
}

if (isMainThread) {
  await main();
} else {
  const data = workerData as WorkerData;
  if (data.role === "sample") await serveSample(data, parentPort!);
  else if (data.role === "aggregator") await serveAggregator(data, parentPort!);
  else await serveBareProxy(data, parentPort!);
}
