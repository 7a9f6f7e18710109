// A real etcd for tests: one member on free loopback ports in a fresh
// directory, with stop() and start() to simulate an outage on the same
// address and data.
//
// etcd never outlives the test process. It runs under a small `sh` watchdog
// that reads a pipe from this process: when the pipe closes (stop(), or this
// process exiting for any reason, even SIGKILL), the watchdog sends etcd
// SIGTERM. stop() escalates to SIGKILL on the whole process group if etcd
// does not exit in time.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface EtcdServer {
  /** Client URLs, as `--etcd-servers` takes them. */
  readonly endpoints: string[];
  readonly dataDir: string;
  /** Stop etcd (SIGTERM, then SIGKILL); the data and ports are kept for start(). */
  stop(): Promise<void>;
  /** Start etcd again on the same ports and data dir and wait until it answers. */
  start(): Promise<void>;
  /** stop() and remove the data dir. */
  destroy(): Promise<void>;
  /** Freeze etcd (SIGSTOP): connections stay open but nothing answers, like a hung server. */
  pause(): void;
  /** Undo pause() (SIGCONT). */
  resume(): void;
}

export interface EtcdServerOptions {
  /** The etcd binary; default `$ETCD_BIN`, else `etcd` on PATH. */
  etcdBin?: string;
  /** How long to wait for etcd to answer after starting; default 20 s. */
  startTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL; default 5 s. */
  stopTimeoutMs?: number;
  /** Extra etcd flags, e.g. `["--auto-compaction-retention=1"]`. */
  extraArgs?: string[];
}

// The watchdog: run etcd ("$0" is its binary) and read our pipe (fd 3, as
// background jobs get /dev/null for stdin). A line means "stop": SIGTERM to
// etcd. EOF means this process is gone: stop etcd and remove its data dir.
// sh exits with etcd, so an etcd that dies on its own is noticed at once.
const WATCHDOG = `exec 3<&0
"$0" "$@" </dev/null &
pid=$!
{
  if read -r _ignored <&3; then
    kill -TERM $pid 2>/dev/null
  else
    kill -TERM $pid 2>/dev/null
    while kill -0 $pid 2>/dev/null; do sleep 0.1; done
    rm -rf "$ETCD_TEST_DATA_DIR"
  fi
} &
wait $pid`;

const STDERR_TAIL_BYTES = 8 * 1024;

/** Start a single-member etcd on 127.0.0.1 and wait until it is healthy. */
export async function startEtcdServer(opts: EtcdServerOptions = {}): Promise<EtcdServer> {
  const etcdBin = opts.etcdBin ?? process.env["ETCD_BIN"] ?? "etcd";
  const startTimeoutMs = opts.startTimeoutMs ?? 20_000;
  const stopTimeoutMs = opts.stopTimeoutMs ?? 5_000;
  // tmpfs when there is one: etcd 3.4 fsyncs every write and has no flag to turn that off.
  const base = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
  const dataDir = await mkdtemp(join(base, "etcd-test-"));

  let ports = await freePorts(2);
  let proc: RunningEtcd | null = null;

  const launch = async (): Promise<void> => {
    const [clientPort, peerPort] = ports as [number, number];
    proc = runEtcd(etcdBin, dataDir, etcdArgs(dataDir, clientPort, peerPort, opts.extraArgs ?? []));
    try {
      await waitHealthy(`http://127.0.0.1:${clientPort}`, proc, startTimeoutMs);
    } catch (err) {
      await proc.stop(stopTimeoutMs);
      proc = null;
      throw err;
    }
  };

  // Another process may grab a port between freePorts() and etcd binding it: try fresh ports.
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (err) {
      const portTaken = err instanceof Error && err.message.includes("address already in use");
      if (!portTaken || attempt >= 3) {
        await rm(dataDir, { recursive: true, force: true });
        throw err;
      }
      await rm(join(dataDir, "member"), { recursive: true, force: true });
      ports = await freePorts(2);
    }
  }

  const stop = async (): Promise<void> => {
    const running = proc;
    proc = null;
    running?.signal("SIGCONT"); // a paused etcd cannot act on SIGTERM
    await running?.stop(stopTimeoutMs);
  };

  return {
    endpoints: [`http://127.0.0.1:${ports[0]}`],
    dataDir,
    stop,
    async start() {
      if (proc) throw new Error("etcd is already running");
      await launch();
    },
    async destroy() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
    pause() {
      if (!proc) throw new Error("etcd is not running");
      proc.signal("SIGSTOP");
    },
    resume() {
      proc?.signal("SIGCONT");
    },
  };
}

function etcdArgs(dataDir: string, clientPort: number, peerPort: number, extra: string[]): string[] {
  const clientUrl = `http://127.0.0.1:${clientPort}`;
  const peerUrl = `http://127.0.0.1:${peerPort}`;
  return [
    "--name=test",
    `--data-dir=${dataDir}`,
    `--listen-client-urls=${clientUrl}`,
    `--advertise-client-urls=${clientUrl}`,
    `--listen-peer-urls=${peerUrl}`,
    `--initial-advertise-peer-urls=${peerUrl}`,
    `--initial-cluster=test=${peerUrl}`,
    "--initial-cluster-state=new",
    `--initial-cluster-token=test-${clientPort}`,
    "--quota-backend-bytes=268435456", // 256 MiB
    "--logger=zap",
    "--log-outputs=stderr",
    "--log-level=error",
    // Elect itself quickly after a restart (a single member has no one to wait for).
    "--heartbeat-interval=50",
    "--election-timeout=500",
    ...extra,
  ];
}

interface RunningEtcd {
  /** Set once the watchdog (and so etcd) has exited. */
  readonly exited: Promise<void>;
  hasExited(): boolean;
  stderrTail(): string;
  /** Send a signal to etcd and its watchdog. */
  signal(signal: NodeJS.Signals): void;
  stop(timeoutMs: number): Promise<void>;
}

function runEtcd(etcdBin: string, dataDir: string, args: string[]): RunningEtcd {
  // detached: etcd and its watchdog get their own process group, so stop() can SIGKILL both.
  const child: ChildProcess = spawn("sh", ["-c", WATCHDOG, etcdBin, ...args], {
    detached: true,
    stdio: ["pipe", "ignore", "pipe"],
    env: { ...process.env, ETCD_TEST_DATA_DIR: dataDir },
  });
  child.stdin?.on("error", () => {}); // EPIPE when the watchdog is already gone
  let stderr = "";
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once("exit", () => {
      exited = true;
      resolve();
    });
    child.once("error", (err) => {
      exited = true;
      stderr += `\n${String(err)}`;
      resolve();
    });
  });
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_BYTES);
  });
  // A test that forgets stop() must not keep the process alive; the watchdog
  // then stops etcd when this process exits and the pipe closes.
  child.unref();
  (child.stdin as Socket | null)?.unref();
  (child.stderr as Socket | null)?.unref();

  return {
    exited: exitedPromise,
    hasExited: () => exited,
    stderrTail: () => stderr,
    signal: (signal) => signalGroup(child, signal),
    async stop(timeoutMs) {
      child.stdin?.end("stop\n"); // the watchdog sends etcd SIGTERM
      if (exited) return;
      const killTimer = setTimeout(() => signalGroup(child, "SIGKILL"), timeoutMs);
      await exitedPromise;
      clearTimeout(killTimer);
      // The watchdog waits for etcd, but make sure nothing of the group is left.
      signalGroup(child, "SIGKILL");
    },
  };
}

/** Signal the watchdog's process group (the watchdog, etcd, the pipe reader). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function waitHealthy(clientUrl: string, etcd: RunningEtcd, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (etcd.hasExited()) {
      throw new Error(`etcd exited while starting:\n${etcd.stderrTail()}`);
    }
    try {
      const res = await fetch(`${clientUrl}/health`, { signal: AbortSignal.timeout(1000) });
      const body = (await res.json()) as { health?: string };
      if (body.health === "true") return;
    } catch {
      // not listening yet
    }
    await Promise.race([sleep(50), etcd.exited]);
  }
  throw new Error(`etcd did not become healthy within ${timeoutMs} ms:\n${etcd.stderrTail()}`);
}

/** Ports the OS reports free on 127.0.0.1 (they may be taken again before use). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => {
      return new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve(server));
      });
    }),
  );
  const ports = servers.map((s) => {
    const addr = s.address();
    if (addr === null || typeof addr === "string") throw new Error("unexpected server address");
    return addr.port;
  });
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
