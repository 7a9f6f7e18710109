// Running the real kubectl against a test server, with its own HOME (and so
// its own discovery cache) and the server's admin kubeconfig.

import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KUBECTL } from "./apiserver.js";

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface KubectlOptions {
  /** Standard input. */
  input?: string;
  /** More environment variables (e.g. KUBE_EDITOR for `kubectl edit`). */
  env?: Record<string, string>;
}

export type Kubectl = (args: string[], opts?: KubectlOptions) => Promise<KubectlResult>;

/** A kubectl that runs in the background (e.g. `get -w`): its output so far, and a way to stop it. */
export interface BackgroundKubectl {
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout satisfies `done`, or rejects after `timeoutMs`. */
  waitFor(done: (stdout: string) => boolean, timeoutMs?: number): Promise<string>;
  /** SIGTERM; resolves once it has exited. */
  stop(): Promise<void>;
}

function kubectlArgs(kubeconfig: string, home: string, args: string[]): string[] {
  return [`--kubeconfig=${kubeconfig}`, `--cache-dir=${join(home, "cache")}`, ...args];
}

function kubectlEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env["PATH"] ?? "", HOME: home, ...extra };
}

/** A kubectl bound to one kubeconfig. */
export function kubectlFor(kubeconfig: string): Kubectl {
  const home = mkdtempSync(join(tmpdir(), "tskube-kubectl-"));
  return (args, opts = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn(KUBECTL, kubectlArgs(kubeconfig, home, args), { env: kubectlEnv(home, opts.env), stdio: ["pipe", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      child.once("error", reject);
      child.once("exit", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
      child.stdin.end(opts.input ?? "");
    });
}

/** Starts kubectl in the background with its own HOME (e.g. `get -w`); stop() ends it. */
export function startKubectl(kubeconfig: string, args: string[]): BackgroundKubectl {
  const home = mkdtempSync(join(tmpdir(), "tskube-kubectl-"));
  const child = spawn(KUBECTL, kubectlArgs(kubeconfig, home, args), { env: kubectlEnv(home), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const waiters = new Set<() => void>();
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const check of waiters) check();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Never outlive the test process.
  const hardStop = setTimeout(() => child.kill("SIGKILL"), 120_000);
  hardStop.unref();
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    waitFor(done, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`kubectl ${args.join(" ")}: timed out waiting; stdout so far:\n${stdout}\nstderr:\n${stderr}`));
        }, timeoutMs);
        const check = () => {
          if (!done(stdout)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(stdout);
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      clearTimeout(hardStop);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Like the kubectl, but fails the test with kubectl's stderr when it exits non-zero. */
export function mustSucceed(kubectl: Kubectl): (args: string[], opts?: KubectlOptions) => Promise<string> {
  return async (args, opts) => {
    const result = await kubectl(args, opts);
    if (result.code !== 0) throw new Error(`kubectl ${args.join(" ")} exited ${String(result.code)}: ${result.stderr}`);
    return result.stdout;
  };
}
