// `pnpm start`: runs the kube-apiserver binary with its defaults (embedded store in ./.kube-apiserver).
import { existsSync } from "node:fs";
import { spawn } from "node:child_process";

const bin = new URL("../cmd/kube-apiserver/dist/main.js", import.meta.url).pathname;
if (!existsSync(bin)) {
  console.log("The kube-apiserver binary is not available yet: this build has the storage layer only (see README).");
  process.exit(0);
}
const child = spawn(process.execPath, [bin, ...process.argv.slice(2)], { stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
