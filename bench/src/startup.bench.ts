// The startup benchmark: how long the kube-apiserver binary takes from
// spawning to its first `ok` from /readyz on the embedded store, for
//
//   first start   a fresh data directory: the credentials are generated, the
//                 store is created, the system namespaces and priority
//                 classes are written
//   restart       the same data directory again: everything is reused
//
// beside the reference measured in the same run: a bare Node process that
// serves `ok` over HTTPS (the cost of starting Node and a TLS listener, and
// of the polling), started and polled the same way.
//
// Run: pnpm bench:startup   (or, after a build: node bench/dist/startup.bench.js)
// Environment: BENCH_RUNS (runs per measurement, default 5).
//
// Target (issue): restart to ready in under 2 s.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { generateCA, generateServingCert } from "@tskube/generic-apiserver";
import { Cleanup, formatMs, formatTable, median } from "./lib/index.js";

const RUNS = Number(process.env["BENCH_RUNS"] ?? 5);
const TARGET_MS = 2000;
const BINARY = fileURLToPath(new URL("../../cmd/kube-apiserver/dist/main.js", import.meta.url));
const POLL_MS = 10;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The admin's client certificate in <data-dir>/pki once the server has
 * written it: /readyz is public only when anonymous requests are allowed,
 * and upstream turns them off under AlwaysAllow, the default mode.
 */
function adminCertificate(dataDir: string | undefined): { cert: Buffer; key: Buffer } | undefined {
  if (dataDir === undefined) return undefined;
  try {
    return { cert: readFileSync(join(dataDir, "pki", "admin.crt")), key: readFileSync(join(dataDir, "pki", "admin.key")) };
  } catch {
    return undefined;
  }
}

function readyz(port: number, dataDir: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const client = adminCertificate(dataDir) ?? {};
    const req = request({ host: "127.0.0.1", port, path: "/readyz", rejectUnauthorized: false, timeout: 1000, ...client }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve(res.statusCode === 200 && body.trim() === "ok"));
      res.on("error", () => resolve(false));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
    req.end();
  });
}

/** Spawns `args`, polls /readyz on `port` until ok; returns the milliseconds, then stops the process. */
async function timeToReady(args: string[], port: number, dataDir?: string): Promise<number> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const deadline = started + 30_000;
    while (!(await readyz(port, dataDir))) {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before it was ready:\n${stderr}`);
      if (performance.now() > deadline) throw new Error(`not ready within 30 s:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return performance.now() - started;
  } finally {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** A bare HTTPS server answering `ok`, as a child process: the reference. */
function bareServerArgs(port: number, cert: string, key: string): string[] {
  const source = `
    const https = require("node:https");
    https.createServer({ cert: ${JSON.stringify(cert)}, key: ${JSON.stringify(key)} }, (req, res) => res.end("ok"))
      .listen(${port}, "127.0.0.1");
    process.on("SIGTERM", () => process.exit(0));`;
  return ["-e", source];
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  try {
    const ca = await generateCA({ commonName: "startup-bench" });
    const serving = await generateServingCert(ca);
    const first: number[] = [];
    const restart: number[] = [];
    const bare: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const dataDir = mkdtempSync(join(tmpdir(), "tskube-startup-"));
      cleanup.add(`remove ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
      const port = await freePort();
      const args = [BINARY, "--data-dir", dataDir, "--bind-address", "127.0.0.1", "--secure-port", String(port)];
      const barePort = await freePort();
      bare.push(await timeToReady(bareServerArgs(barePort, serving.cert, serving.key), barePort));
      first.push(await timeToReady(args, port, dataDir));
      restart.push(await timeToReady(args, port, dataDir));
      process.stdout.write(".");
    }
    process.stdout.write("\n");
    const rows = [
      ["first start (generates credentials)", formatMs(median(first)), formatMs(median(bare)), `${(median(first) / median(bare)).toFixed(1)}x`, ""],
      [
        "restart (same data directory)",
        formatMs(median(restart)),
        formatMs(median(bare)),
        `${(median(restart) / median(bare)).toFixed(1)}x`,
        `< ${TARGET_MS} ms: ${median(restart) < TARGET_MS ? "PASS" : "FAIL"}`,
      ],
    ];
    console.log(formatTable(["spawn -> /readyz ok (median)", "kube-apiserver", "bare node:https", "ratio", "target"], rows));
    console.log(`\n${RUNS} runs each, alternating; the embedded store; /readyz polled every ${POLL_MS} ms by this process.`);
    console.log("The bare reference is a Node process serving `ok` over HTTPS, started and polled the same way.");
  } finally {
    await cleanup.run();
  }
}

await main();
