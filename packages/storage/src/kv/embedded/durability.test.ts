import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe as suite, it } from "node:test";
import { DataDirectoryInUseError, openEmbeddedDriver } from "./index.js";
import { bytes, tempDir, waitFor } from "./test-support.js";

let dataDir: string;
let cleanup: () => void;

beforeEach(() => {
  const tmp = tempDir();
  dataDir = tmp.dir;
  cleanup = tmp.cleanup;
});

afterEach(() => cleanup());

/**
 * Starts durability-writer next to this file: the .ts source under tsx, the
 * compiled .js under plain node; the same node flags make both work.
 */
function startWriter(dir: string): { child: ChildProcess; lines: string[]; exited: Promise<void> } {
  const here = fileURLToPath(import.meta.url);
  const script = path.join(path.dirname(here), `durability-writer${path.extname(here)}`);
  const child = spawn(process.execPath, [...process.execArgv, script, dir], { stdio: ["ignore", "pipe", "inherit"] });
  const lines: string[] = [];
  let partial = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (partial + chunk).split("\n");
    partial = parts.pop()!; // a line cut by the kill was never fully printed: ignore it
    lines.push(...parts);
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return { child, lines, exited };
}

suite("embedded kv: one process per data directory", () => {
  it("refuses a second open while the first is open, allows it after close", async () => {
    const first = openEmbeddedDriver({ dataDir });
    assert.throws(
      () => openEmbeddedDriver({ dataDir }),
      (err: unknown) =>
        err instanceof DataDirectoryInUseError &&
        err.message === `data directory ${dataDir} is in use by another process (pid ${process.pid}?)`,
    );
    await first.create("/a", bytes("v"));
    await first.close();

    const second = openEmbeddedDriver({ dataDir });
    assert.notEqual((await second.get("/a")).kv, null);
    await second.close();
  });
});

suite("embedded kv: durability", () => {
  it("keeps every acknowledged write of a process killed by SIGKILL, and its lock goes with it", async () => {
    const writer = startWriter(dataDir);
    try {
      // More than 2000 acknowledged writes, besides the "ready" line.
      await waitFor(() => writer.lines.filter((line) => line !== "ready").length > 2000, 20_000);

      // While it runs, the directory is taken, and the error names the holder.
      assert.throws(
        () => openEmbeddedDriver({ dataDir }),
        (err: unknown) => err instanceof DataDirectoryInUseError && err.holderPid === writer.child.pid,
      );

      writer.child.kill("SIGKILL");
      await writer.exited;
    } finally {
      writer.child.kill("SIGKILL");
    }

    const acknowledged = writer.lines.filter((line) => line !== "ready").map((line) => {
      const [key, revision] = line.split(" ");
      return { key: key!, revision: Number(revision) };
    });
    assert.ok(acknowledged.length > 2000);

    const kv = openEmbeddedDriver({ dataDir }); // the dead process's lock is gone
    try {
      const missing = [];
      for (const { key, revision } of acknowledged) {
        const { kv: stored } = await kv.get(key);
        if (stored?.modRevision !== revision) missing.push(key);
      }
      assert.deepEqual(missing, [], "every acknowledged write is on disk");
      const highest = Math.max(...acknowledged.map((a) => a.revision));
      assert.ok((await kv.currentRevision()) >= highest);
      assert.ok((await kv.create("/after-crash", bytes("v"))).revision > highest);
    } finally {
      await kv.close();
    }
  });
});
