// A child process for durability.test.ts: opens the store in the directory
// given as argument and creates keys as fast as it can (several writers at
// once, so commits are grouped), printing "<key> <revision>" for each write
// only after the driver acknowledged it. The test kills it with SIGKILL at
// some point and checks that every printed key survived.

import { openEmbeddedDriver } from "./index.js";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: durability-writer <dataDir>");

const kv = openEmbeddedDriver({ dataDir });
const value = new TextEncoder().encode(JSON.stringify({ payload: "x".repeat(200) }));
let next = 0;

async function writer(): Promise<never> {
  for (;;) {
    const key = `/durability/${process.pid}/${next++}`;
    const result = await kv.create(key, value);
    if (!result.succeeded) throw new Error(`create ${key} failed`);
    process.stdout.write(`${key} ${result.revision}\n`);
  }
}

process.stdout.write("ready\n");
await Promise.all(Array.from({ length: 16 }, writer));
