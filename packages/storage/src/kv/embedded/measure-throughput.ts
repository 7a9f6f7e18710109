// Durable creates per second at a few concurrency levels (not a test):
//   node dist/kv/embedded/measure-throughput.js [seconds-per-level]
// Each level runs on a fresh store; every counted create was acknowledged,
// i.e. committed with an fsync of the WAL.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openEmbeddedDriver } from "./index.js";

const secondsPerLevel = Number(process.argv[2] ?? 3);
const value = new TextEncoder().encode(JSON.stringify({ kind: "ConfigMap", data: { key: "x".repeat(400) } }));

async function measure(concurrency: number): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "embedded-kv-throughput-"));
  const kv = openEmbeddedDriver({ dataDir });
  let done = 0;
  const started = performance.now();
  const deadline = started + secondsPerLevel * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, writer) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const result = await kv.create(`/registry/configmaps/ns/w${writer}-${i}`, value);
        if (!result.succeeded) throw new Error("unexpected conflict");
        done++;
      }
    }),
  );
  const rate = done / ((performance.now() - started) / 1000);
  await kv.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return rate;
}

for (const concurrency of [1, 8, 64, 256]) {
  const rate = await measure(concurrency);
  console.log(`concurrency ${String(concurrency).padStart(3)}: ${Math.round(rate).toLocaleString("en-US")} durable creates/s`);
}
