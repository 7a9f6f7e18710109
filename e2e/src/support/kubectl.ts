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

export type Kubectl = (args: string[], opts?: { input?: string }) => Promise<KubectlResult>;

/** A kubectl bound to one kubeconfig. */
export function kubectlFor(kubeconfig: string): Kubectl {
  const home = mkdtempSync(join(tmpdir(), "tskube-kubectl-"));
  return (args, opts = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn(KUBECTL, [`--kubeconfig=${kubeconfig}`, `--cache-dir=${join(home, "cache")}`, ...args], {
        env: { PATH: process.env["PATH"] ?? "", HOME: home },
        stdio: ["pipe", "pipe", "pipe"],
      });
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

/** Like the kubectl, but fails the test with kubectl's stderr when it exits non-zero. */
export function mustSucceed(kubectl: Kubectl): (args: string[], opts?: { input?: string }) => Promise<string> {
  return async (args, opts) => {
    const result = await kubectl(args, opts);
    if (result.code !== 0) throw new Error(`kubectl ${args.join(" ")} exited ${String(result.code)}: ${result.stderr}`);
    return result.stdout;
  };
}
