// Starting the real, built kube-apiserver binary for a test: on a free
// loopback port, with its own data directory, waiting until /readyz says ok.
// stop() sends SIGTERM, then SIGKILL if it has not exited in time.

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The binary as `pnpm build` leaves it. */
export const BINARY = fileURLToPath(new URL("../../../cmd/kube-apiserver/dist/main.js", import.meta.url));

export interface StartOptions {
  /** Reuse a data directory (a restart); default a fresh temporary one, removed by cleanup(). */
  dataDir?: string;
  /** Extra flags. */
  args?: string[];
  /** Default 60 s: a first start generates keys, which takes seconds on a busy 2-core machine. */
  readyTimeoutMs?: number;
}

export interface RunningAPIServer {
  readonly dataDir: string;
  readonly port: number;
  readonly kubeconfig: string;
  /** Milliseconds from spawning the process to the first `ok` from /readyz. */
  readonly readyMs: number;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after `timeoutMs`; resolves with the exit code (null if killed by a signal). */
  stop(timeoutMs?: number): Promise<number | null>;
  /** stop(), and remove the data directory if this helper created it. */
  cleanup(): Promise<void>;
}

/** A port the OS says is free on 127.0.0.1 (it could be taken again before the server binds it). */
export async function freePort(): Promise<number> {
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

/** Runs the binary to completion (for command-line errors): exit code and output. */
export async function runBinary(args: string[], timeoutMs = 10_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BINARY, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

export async function startAPIServer(opts: StartOptions = {}): Promise<RunningAPIServer> {
  const ownDataDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "tskube-e2e-"));
  const port = await freePort();
  const args = [BINARY, "--data-dir", dataDir, "--bind-address", "127.0.0.1", "--secure-port", String(port), ...(opts.args ?? [])];
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // Never leave a server behind if this test process exits without stopping it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const stop = async (timeoutMs = 10_000): Promise<number | null> => {
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };

  try {
    await waitReady(child, port, dataDir, exited, opts.readyTimeoutMs ?? 60_000);
  } catch (err) {
    await stop(2_000);
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}\n--- kube-apiserver output ---\n${output}`);
  }
  const readyMs = Math.round(performance.now() - started);
  return {
    dataDir,
    port,
    kubeconfig: join(dataDir, "admin.kubeconfig"),
    readyMs,
    output: () => output,
    stop,
    async cleanup() {
      await stop();
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitReady(child: ChildProcess, port: number, dataDir: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`kube-apiserver exited with code ${String(child.exitCode)} before it was ready`);
    if ((await readyz(port, adminCertificate(dataDir))) === "ok") return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`kube-apiserver was not ready within ${timeoutMs} ms`);
}

/**
 * The admin's client certificate in <data-dir>/pki, once the server has
 * written it. /readyz is public only when anonymous requests are allowed,
 * which upstream (and so this server) turns off under AlwaysAllow, the default mode.
 */
function adminCertificate(dataDir: string): { cert: Buffer; key: Buffer } | undefined {
  try {
    return { cert: readFileSync(join(dataDir, "pki", "admin.crt")), key: readFileSync(join(dataDir, "pki", "admin.key")) };
  } catch {
    return undefined;
  }
}

/** GET /readyz, as the admin when its certificate exists; the body, or "" when the server does not answer yet. */
function readyz(port: number, client: { cert: Buffer; key: Buffer } | undefined): Promise<string> {
  return new Promise((resolve) => {
    const req = request(
      { host: "127.0.0.1", port, path: "/readyz", method: "GET", rejectUnauthorized: false, timeout: 1000, ...(client ?? {}) },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve(res.statusCode === 200 ? body.trim() : ""));
        res.on("error", () => resolve(""));
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(""));
    req.end();
  });
}

export function hasKubectl(): boolean {
  return existsSync(KUBECTL);
}

export const KUBECTL = process.env["KUBECTL"] ?? "/usr/bin/kubectl";
