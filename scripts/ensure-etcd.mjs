// Makes sure an `etcd` binary is on PATH before the tests that need one run.
// The tests start their own etcd on free loopback ports; this only installs it.
// On Debian as root it installs the `etcd-server` package; otherwise it fails
// with a message that says how, so etcd tests are never silently skipped.
import { execFileSync, spawnSync } from "node:child_process";

function hasEtcd() {
  return spawnSync("etcd", ["--version"], { stdio: "ignore" }).status === 0;
}

export function ensureEtcd() {
  if (hasEtcd()) return;
  const howTo =
    "The storage and e2e tests need etcd v3 on PATH. Install it with\n" +
    "  sudo apt-get update && sudo apt-get install -y etcd-server\n" +
    "or put an etcd v3.4+ binary on PATH (or set ETCD_BIN).";
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(`etcd not found. ${howTo}`);
  }
  console.error("etcd not found on PATH: installing Debian's etcd-server package with apt-get ...");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", "etcd-server"], { stdio: "inherit", env });
  } catch (err) {
    throw new Error(`installing etcd-server failed (${err.message}). ${howTo}`);
  }
  // Debian's package starts a system etcd on 2379; our tests use their own ports and data dirs.
  spawnSync("systemctl", ["stop", "etcd"], { stdio: "ignore" });
  if (!hasEtcd()) throw new Error(`etcd-server was installed but etcd is still not on PATH. ${howTo}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    ensureEtcd();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
