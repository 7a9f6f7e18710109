// The custom resource benchmark: creates/s over HTTPS of a custom resource
// whose schema has about 30 fields and a CEL rule, beside creates/s of a
// ConfigMap of the same size, in the same run, on the same server chain:
//
//   kube-apiserver (ConfigMaps, NamespaceLifecycle admission) -> apiextensions-apiserver (the CRD)
//
// both on the embedded store with watch caches. A custom resource create does
// more than a ConfigMap's: the body is pruned and defaulted by the CRD's
// structural schema, validated value by value, its CEL rule evaluated, and
// the stored object is normalized again on the way out (as upstream reads
// custom resources through their schema).
//
// The servers run in a worker thread (their own event loop); 64 keep-alive
// clients on the main thread. ConfigMap and custom resource creates
// alternate in rounds; medians.
//
// Run: pnpm bench:crd   (or, after a build: node bench/dist/crd.bench.js)
// Environment: BENCH_SECONDS (time per side, default 4).
//
// Target (issue): custom resource creates/s >= 70% of ConfigMap creates/s.

import https from "node:https";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { createAPIExtensionsServer } from "@tskube/apiextensions-apiserver";
import {
  type CertificateAndKey,
  StorageFactory,
  X509Authenticator,
  generateCA,
  generateClientCert,
  generateServingCert,
  silentLogger,
} from "@tskube/generic-apiserver";
import { NamespaceLifecycle, createKubeAPIServer, namespaceDefinition, registryStoreFor } from "@tskube/kube-apiserver";
import { openEmbeddedDriver } from "@tskube/storage";
import { Cleanup, formatPercent, formatRate, formatTable, median, run } from "./lib/index.js";

const MEASURE_MS = Number(process.env["BENCH_SECONDS"] ?? 4) * 1000;
const ROUNDS = 4;
const WARMUP_MS = 500;
const CONCURRENCY = 64;
const NAMESPACE = "bench";
const TARGET = 0.7;
const GROUP = "bench.example.com";
const FIELDS = 30;

// ---- the servers (worker thread) -----------------------------------------------------

interface ServerData {
  serving: CertificateAndKey;
  clientCA: string;
  dataDir: string;
}

async function serve(data: ServerData, port: NonNullable<typeof parentPort>): Promise<void> {
  const kv = openEmbeddedDriver({ dataDir: data.dataDir });
  const storage = new StorageFactory({ kv });
  const apiextensions = createAPIExtensionsServer({
    generic: { logger: silentLogger, admission: { plugins: [new NamespaceLifecycle(registryStoreFor(namespaceDefinition, storage).main)] } },
    storage,
  });
  const server = createKubeAPIServer({
    storage,
    generic: {
      serving: { cert: data.serving.cert, key: data.serving.key },
      authentication: { authenticators: [new X509Authenticator({ clientCA: data.clientCA })] },
      delegate: apiextensions.server,
      logger: silentLogger,
      processMetrics: false,
    },
  });
  await server.listen();
  port.on("message", () => {
    void (async () => {
      await server.shutdown();
      storage.destroy();
      await kv.close();
      port.postMessage({ type: "stopped" });
    })();
  });
  port.postMessage({ type: "listening", port: server.port });
}

// ---- the objects -----------------------------------------------------------------------

/** Field i of the custom resource: strings, integers and booleans in turn. */
function fieldValue(i: number): string | number | boolean {
  return i % 3 === 0 ? `value-${i}-${"x".repeat(12)}` : i % 3 === 1 ? i * 1000 : i % 2 === 0;
}

const fieldSchema = (i: number) =>
  i % 3 === 0 ? { type: "string", maxLength: 64 } : i % 3 === 1 ? { type: "integer", minimum: 0 } : { type: "boolean" };

const WIDGET_CRD = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: `widgets.${GROUP}` },
  spec: {
    group: GROUP,
    scope: "Namespaced",
    names: { plural: "widgets", kind: "Widget" },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: {
                type: "object",
                properties: Object.fromEntries(Array.from({ length: FIELDS }, (_, i) => [`field${i}`, fieldSchema(i)])),
                "x-kubernetes-validations": [{ rule: "self.field1 <= self.field4", message: "field1 may not exceed field4" }],
              },
            },
          },
        },
      },
    ],
  },
};

const widget = (name: string) => ({
  apiVersion: `${GROUP}/v1`,
  kind: "Widget",
  metadata: { name, labels: { app: "bench" } },
  spec: Object.fromEntries(Array.from({ length: FIELDS }, (_, i) => [`field${i}`, fieldValue(i)])),
});

/** A ConfigMap holding the same values (as strings), padded to the custom resource's size. */
function configMap(name: string, size: number) {
  const cm = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, labels: { app: "bench" } },
    data: Object.fromEntries(Array.from({ length: FIELDS }, (_, i) => [`field${i}`, String(fieldValue(i))])) as Record<string, string>,
  };
  const missing = size - JSON.stringify(cm).length - '"pad":"",'.length;
  if (missing > 0) cm.data["pad"] = "p".repeat(missing);
  return cm;
}

// ---- the clients (main thread) -----------------------------------------------------------

function call(agent: https.Agent, port: number, method: string, path: string, expected: number, body?: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const headers = text === undefined ? {} : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) };
    const req = https.request({ host: "127.0.0.1", port, method, path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const answer = Buffer.concat(chunks).toString("utf8");
        if (res.statusCode === expected) resolve(answer);
        else reject(new Error(`${method} ${path}: ${res.statusCode}: ${answer.slice(0, 300)}`));
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(text);
  });
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  try {
    const ca = await generateCA({ commonName: "bench-ca" });
    const [serving, admin] = await Promise.all([generateServingCert(ca), generateClientCert(ca, { user: "admin", groups: ["system:masters"] })]);
    const dataDir = await mkdtemp(join(tmpdir(), "bench-crd-"));
    cleanup.add("data dir", () => rm(dataDir, { recursive: true, force: true }));

    console.error("starting the servers ...");
    const worker = new Worker(new URL(import.meta.url), { workerData: { serving, clientCA: String(ca.cert), dataDir } satisfies ServerData });
    const messages: { type: string; port?: number }[] = [];
    let wake: (() => void) | undefined;
    worker.on("message", (m: { type: string; port?: number }) => {
      messages.push(m);
      wake?.();
    });
    const receive = async (type: string) => {
      for (;;) {
        const m = messages.shift();
        if (m?.type === type) return m;
        if (m === undefined) await new Promise<void>((resolve) => (wake = resolve));
      }
    };
    cleanup.add("servers", async () => {
      worker.postMessage({ type: "stop" });
      await Promise.race([receive("stopped"), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      await worker.terminate();
    });
    const port = (await receive("listening")).port!;
    const agent = new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: ca.cert, cert: admin.cert, key: admin.key });
    cleanup.add("client agent", () => agent.destroy());

    await until(async () => (await call(agent, port, "GET", "/readyz", 200).catch(() => "")) === "ok", "ready");
    await call(agent, port, "POST", "/api/v1/namespaces", 201, { apiVersion: "v1", kind: "Namespace", metadata: { name: NAMESPACE } });
    await call(agent, port, "POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", 201, WIDGET_CRD);
    const widgets = `/apis/${GROUP}/v1/namespaces/${NAMESPACE}/widgets`;
    const configMaps = `/api/v1/namespaces/${NAMESPACE}/configmaps`;
    await until(async () => (await call(agent, port, "GET", widgets, 200).then(() => true, () => false)), "the CRD established");

    const size = JSON.stringify(widget("w-00000")).length;
    let next = 0;
    const createWidget = () => call(agent, port, "POST", widgets, 201, widget(`w-${next++}`));
    const createConfigMap = () => call(agent, port, "POST", configMaps, 201, configMap(`c-${next++}`, size));

    console.error("creates ...");
    const segment = { concurrency: CONCURRENCY, durationMs: MEASURE_MS / ROUNDS };
    await run({ concurrency: CONCURRENCY, durationMs: WARMUP_MS }, createConfigMap);
    await run({ concurrency: CONCURRENCY, durationMs: WARMUP_MS }, createWidget);
    const rates = { cm: [] as number[], cr: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (["cm", "cr"] as const) : (["cr", "cm"] as const);
      for (const side of order) rates[side].push((await run(segment, side === "cm" ? createConfigMap : createWidget)).opsPerSec);
    }
    const cm = median(rates.cm);
    const cr = median(rates.cr);
    const ratio = cr / cm;
    console.log(
      formatTable(
        ["operation", "ConfigMap", "custom resource", "custom/ConfigMap", "target"],
        [["POST, create (requests/s)", formatRate(cm), formatRate(cr), formatPercent(ratio), `>= ${formatPercent(TARGET)}: ${ratio >= TARGET ? "PASS" : "FAIL"}`]],
      ),
    );
    console.log(`
Objects: a custom resource with ${FIELDS} spec fields (strings, integers, booleans) and one CEL rule, ${size} bytes of
JSON as sent; a ConfigMap with the same values as strings, padded to the same size. Both through the kube-apiserver's
handler chain (x509 authentication, NamespaceLifecycle admission); the custom resource then through the
apiextensions-apiserver (pruning, defaulting, schema and CEL validation, normalizing on the way out). Embedded store
(SQLite, an fsync per commit) with watch caches. ${CONCURRENCY} keep-alive clients; ConfigMap and custom resource alternate in
${ROUNDS} rounds of ${MEASURE_MS / ROUNDS} ms after a ${WARMUP_MS} ms warm-up each; medians.

target (custom resource creates >= ${formatPercent(TARGET)} of ConfigMap creates): ${ratio >= TARGET ? "met" : "NOT met"}`);
  } finally {
    await cleanup.run();
  }
}

if (isMainThread) {
  await main();
} else {
  await serve(workerData as ServerData, parentPort!);
}
