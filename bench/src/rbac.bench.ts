// The cost of RBAC authorization: gets/s of one ConfigMap through the
// kube-apiserver for two users, in the same run, on the same server:
//
//   system:masters   the admin's client certificate: allowed before RBAC is asked
//   RBAC user        a client certificate of a user bound through 50 RoleBindings,
//                    each to its own Role; only the last Role allows the get, so
//                    every request walks all 50 (and the default ClusterRoleBindings
//                    of system:authenticated before them)
//
// The server (kube-apiserver with --authorization-mode=RBAC: the in-memory
// policy index fed by watches) runs in a worker thread; 64 keep-alive clients
// run on the main thread, the same code for both users, alternating in rounds.
//
//   GET /api/v1/namespaces/bench/configmaps/obj?resourceVersion=0   (from the watch cache)
//
// Run: pnpm bench:rbac   (or, after a build: node bench/dist/rbac.bench.js)
// Environment: BENCH_SECONDS (time per user, default 4).
//
// Target (issue 8): the RBAC user's rate >= 90% of system:masters'.

import https from "node:https";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { type CertificateAndKey, X509Authenticator, generateCA, generateClientCert, generateServingCert, silentLogger } from "@tskube/generic-apiserver";
import { RBACAuthorizer, StorageFactory, createKubeAPIServer } from "@tskube/kube-apiserver";
import { openEmbeddedDriver } from "@tskube/storage";
import { Cleanup, ThreadCpuMeter, formatPercent, formatRate, formatTable, median, run } from "./lib/index.js";

const MEASURE_MS = Number(process.env["BENCH_SECONDS"] ?? 4) * 1000;
const ROUNDS = 16; // short rounds: on a shared machine the load drifts within seconds
const WARMUP_MS = 500;
const CONCURRENCY = 64;
const ROLES = 50;
const TARGET = 0.9;
const NAMESPACE = "bench";
const USER = "bench-user";
const OBJECT = `/api/v1/namespaces/${NAMESPACE}/configmaps/obj?resourceVersion=0`;

// ---- the server side (worker thread) ----------------------------------------------

interface ServerData {
  serving: CertificateAndKey;
  clientCA: string;
  dataDir: string;
}

async function serve(data: ServerData, port: NonNullable<typeof parentPort>): Promise<void> {
  const kv = openEmbeddedDriver({ dataDir: data.dataDir });
  const storage = new StorageFactory({ kv });
  const rbac = new RBACAuthorizer();
  const server = createKubeAPIServer({
    storage,
    rbacAuthorizer: rbac,
    generic: {
      serving: { cert: data.serving.cert, key: data.serving.key },
      authentication: { authenticators: [new X509Authenticator({ clientCA: data.clientCA })] },
      authorization: { authorizer: rbac, alwaysAllowPaths: [] },
      logger: silentLogger,
      processMetrics: false,
    },
  });
  await server.listen();
  const meter = new ThreadCpuMeter();
  port.on("message", (message: { type: string }) => {
    if (message.type === "busy") {
      port.postMessage({ type: "busy", cpuMicros: meter.sinceLast() });
      return;
    }
    void (async () => {
      await server.shutdown();
      storage.destroy();
      await kv.close();
      port.postMessage({ type: "stopped" });
    })();
  });
  port.postMessage({ type: "listening", port: server.port });
}

// ---- the client side (main thread) -----------------------------------------------

function call(agent: https.Agent, port: number, method: string, path: string, expected: number, body?: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = payload === undefined ? {} : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) };
    const req = https.request({ host: "127.0.0.1", port, method, path, agent, headers }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => (res.statusCode === expected ? resolve(text) : reject(new Error(`${method} ${path}: ${res.statusCode}: ${text.slice(0, 300)}`))));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** The policy under test, written by the admin: 50 Roles, each bound to the user; only the last allows reading ConfigMaps. */
async function writePolicy(admin: https.Agent, port: number): Promise<void> {
  await call(admin, port, "POST", "/api/v1/namespaces", 201, { apiVersion: "v1", kind: "Namespace", metadata: { name: NAMESPACE } });
  await call(admin, port, "POST", `/api/v1/namespaces/${NAMESPACE}/configmaps`, 201, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "obj", labels: { app: "bench" } },
    data: { payload: "x".repeat(900) },
  });
  const rbac = `/apis/rbac.authorization.k8s.io/v1/namespaces/${NAMESPACE}`;
  for (let i = 0; i < ROLES; i++) {
    const last = i === ROLES - 1;
    await call(admin, port, "POST", `${rbac}/roles`, 201, {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: `role-${i}` },
      rules: [{ apiGroups: [""], resources: [last ? "configmaps" : `things-${i}`], verbs: ["get", "list"] }],
    });
    await call(admin, port, "POST", `${rbac}/rolebindings`, 201, {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: `binding-${i}` },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: `role-${i}` },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: USER }],
    });
  }
}

/** Calls `op` until it succeeds, for up to ~10 s. */
async function retry(op: () => Promise<unknown>): Promise<void> {
  for (let tries = 0; ; tries++) {
    try {
      await op();
      return;
    } catch (err) {
      if (tries > 200) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  try {
    const ca = await generateCA({ commonName: "bench-ca" });
    const [serving, admin, user] = await Promise.all([
      generateServingCert(ca),
      generateClientCert(ca, { user: "admin", groups: ["system:masters"] }),
      generateClientCert(ca, { user: USER, groups: [] }),
    ]);
    const dataDir = await mkdtemp(join(tmpdir(), "bench-rbac-"));
    cleanup.add("data dir", () => rm(dataDir, { recursive: true, force: true }));

    console.error("starting the kube-apiserver ...");
    const worker = new Worker(new URL(import.meta.url), { workerData: { serving, clientCA: String(ca.cert), dataDir } satisfies ServerData });
    type Message = { type: string; port?: number; cpuMicros?: number };
    const messages: Message[] = [];
    let wake: (() => void) | undefined;
    worker.on("message", (m: Message) => {
      messages.push(m);
      wake?.();
    });
    /** The next message of this type (taken from the inbox). */
    const receive = async (type: string): Promise<Message> => {
      for (;;) {
        const at = messages.findIndex((m) => m.type === type);
        if (at >= 0) return messages.splice(at, 1)[0]!;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    };
    /** The CPU time (µs) the server's thread used since the last question. */
    const busy = async () => {
      worker.postMessage({ type: "busy" });
      return (await receive("busy")).cpuMicros ?? NaN;
    };
    cleanup.add("server", async () => {
      worker.postMessage({ type: "stop" });
      await Promise.race([receive("stopped"), new Promise((r) => setTimeout(r, 10_000))]);
      await worker.terminate();
    });
    const port = (await receive("listening")).port ?? 0;

    const agentFor = (cert: CertificateAndKey) => new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: ca.cert, cert: cert.cert, key: cert.key });
    const masters = agentFor(admin);
    const bound = agentFor(user);
    cleanup.add("client agents", () => {
      masters.destroy();
      bound.destroy();
    });

    console.error(`writing ${ROLES} roles and bindings ...`);
    await retry(() => call(masters, port, "GET", "/readyz", 200));
    await writePolicy(masters, port);
    // The authorizer sees the bindings through its watches.
    await retry(() => call(bound, port, "GET", OBJECT, 200));
    // A request the 50 roles do not allow is refused (so the user holds no other way in).
    await call(bound, port, "GET", `/api/v1/namespaces/${NAMESPACE}/secrets`, 403);

    const get = (agent: https.Agent) => () => call(agent, port, "GET", OBJECT, 200);
    await run({ concurrency: CONCURRENCY, durationMs: WARMUP_MS }, get(masters));
    await run({ concurrency: CONCURRENCY, durationMs: WARMUP_MS }, get(bound));
    const rates = { masters: [] as number[], rbac: [] as number[] };
    const costs = { masters: [] as number[], rbac: [] as number[] };
    const segment = { concurrency: CONCURRENCY, durationMs: MEASURE_MS / ROUNDS };
    console.error("measuring ...");
    for (let round = 0; round < ROUNDS; round++) {
      const order: ("masters" | "rbac")[] = round % 2 === 0 ? ["masters", "rbac"] : ["rbac", "masters"];
      for (const who of order) {
        await busy();
        const result = await run(segment, get(who === "masters" ? masters : bound));
        const cpuMicros = await busy();
        rates[who].push(result.opsPerSec);
        costs[who].push(cpuMicros / result.ops);
      }
    }
    const mastersRate = median(rates.masters);
    const rbacRate = median(rates.rbac);
    // Each round measures both users back to back; the median of the rounds' ratios is the least disturbed by drift.
    const ratio = median(rates.rbac.map((rate, i) => rate / (rates.masters[i] ?? NaN)));
    const us = (who: "masters" | "rbac") => Math.round(median(costs[who]));
    console.log(
      formatTable(
        ["GET, cached (requests/s)", "system:masters", `RBAC user (${ROLES} roles)`, "RBAC/masters", "server µs/request (masters / RBAC)", "target"],
        [
          [
            "GET configmaps/obj?resourceVersion=0",
            formatRate(mastersRate),
            formatRate(rbacRate),
            formatPercent(ratio),
            `${us("masters")} / ${us("rbac")}`,
            `>= ${formatPercent(TARGET)}: ${ratio >= TARGET ? "PASS" : "FAIL"}`,
          ],
        ],
      ),
    );
    console.log(`
${CONCURRENCY} clients on one keep-alive https.Agent per user, each waiting for its answer before the next request;
the kube-apiserver (x509 authentication, the full filter chain, RBAC from its in-memory index) in a worker thread.
The RBAC user is bound through ${ROLES} RoleBindings to ${ROLES} Roles; only the last allows the get.
"server µs/request": CPU time of the server's thread (ThreadCpuMeter) per request answered.
Rates: the two users alternate (ABBA) in ${ROUNDS} rounds of ${MEASURE_MS / ROUNDS} ms after a ${WARMUP_MS} ms warm-up each;
medians of the rates, and RBAC/masters the median of the ${ROUNDS} rounds' ratios.

target (RBAC >= ${formatPercent(TARGET)} of system:masters): ${ratio >= TARGET ? "met" : "NOT met"}`);
  } finally {
    await cleanup.run();
  }
}

if (isMainThread) {
  await main();
} else {
  await serve(workerData as ServerData, parentPort!);
}
