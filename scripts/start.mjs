// `pnpm start`: runs the kube-apiserver binary with its defaults (embedded store in ./.kube-apiserver),
// authorizing with RBAC (the binary's default, like upstream's, is AlwaysAllow). An
// --authorization-mode given on the command line is used instead.
import { existsSync } from "node:fs";
import { spawn } from "node:child_process";

const bin = new URL("../cmd/kube-apiserver/dist/main.js", import.meta.url).pathname;
if (!existsSync(bin)) {
  console.log("The kube-apiserver binary is not available yet: this build has the storage layer only (see README).");
  process.exit(0);
}
const args = process.argv.slice(2);
const modeGiven = args.some((arg) => arg === "--authorization-mode" || arg.startsWith("--authorization-mode="));
const child = spawn(process.execPath, [bin, ...(modeGiven ? [] : ["--authorization-mode=RBAC"]), ...args], { stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
