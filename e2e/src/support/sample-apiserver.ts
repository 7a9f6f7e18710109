// Starting the built sample-apiserver binary for a test, on a free loopback
// port, pointed at a running kube-apiserver's admin kubeconfig. It generates
// its own CA and serving certificate (for api.wardle.svc among others) in
// <dir>/pki; `caBundle()` is that CA, for the APIService.

import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const SAMPLE_BINARY = fileURLToPath(new URL("../../../packages/sample-apiserver/dist/main.js", import.meta.url));

export interface RunningSampleServer {
  readonly port: number;
  /** Everything the process printed so far. */
  output(): string;
  /** The CA of its serving certificate, PEM. */
  caBundle(): string;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** Starts the sample server with its data and certificates in `dir`; resolves once it listens. */
export async function startSampleServer(opts: { dir: string; port: number; kubeconfig: string }): Promise<RunningSampleServer> {
  const args = [
    SAMPLE_BINARY,
    "--kubeconfig",
    opts.kubeconfig,
    "--bind-address",
    "127.0.0.1",
    "--secure-port",
    String(opts.port),
    "--data-dir",
    join(opts.dir, "data"),
    "--cert-dir",
    join(opts.dir, "pki"),
    "--v=2",
  ];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 30_000;
  while (!output.includes("serving securely on")) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`sample-apiserver did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port: opts.port,
    output: () => output,
    caBundle: () => readFileSync(join(opts.dir, "pki", "ca.crt"), "utf8"),
    stop,
  };
}
