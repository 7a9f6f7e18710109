import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { silentLogger } from "../server/logger.js";
import { WorkQueue } from "./work-queue.js";

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe("WorkQueue", () => {
  it("queues a waiting key once, in order", async () => {
    const queue = new WorkQueue({ name: "test" });
    const stop = new AbortController();
    queue.add("a");
    queue.add("b");
    queue.add("a");
    const seen: string[] = [];
    const running = queue.run(async (key) => {
      seen.push(key);
      if (seen.length === 2) stop.abort();
    }, stop.signal);
    await running;
    assert.deepEqual(seen, ["a", "b"]);
  });

  it("processes a key added during its processing again afterwards, never twice at once", async () => {
    const queue = new WorkQueue({ name: "test" });
    const stop = new AbortController();
    let inFlight = 0;
    let maxInFlight = 0;
    let runs = 0;
    queue.add("k");
    const running = queue.run(
      async () => {
        runs++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        if (runs === 1) queue.add("k");
        await tick();
        inFlight--;
        if (runs === 2) stop.abort();
      },
      stop.signal,
      3,
    );
    await running;
    assert.equal(runs, 2);
    assert.equal(maxInFlight, 1);
  });

  it("retries a failing key with growing delays, and forgets them after a success", async () => {
    const queue = new WorkQueue({ name: "test", baseRetryDelayMs: 10, logger: silentLogger });
    const stop = new AbortController();
    const times: number[] = [];
    queue.add("flaky");
    const running = queue.run(async () => {
      times.push(Date.now());
      if (times.length < 4) throw new Error("not yet");
      stop.abort();
    }, stop.signal);
    await running;
    assert.equal(times.length, 4);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // 10, 20, 40 ms (timers may fire a little late, never early)
    assert.ok(gaps[0]! >= 9 && gaps[1]! >= 19 && gaps[2]! >= 39, `gaps ${gaps.join(",")}`);
  });

  it("addAfter waits; shutting down drops what is pending", async () => {
    const queue = new WorkQueue({ name: "test" });
    const stop = new AbortController();
    const seen: string[] = [];
    queue.addAfter("later", 30);
    queue.addAfter("never", 5_000);
    const started = Date.now();
    const running = queue.run(async (key) => {
      seen.push(key);
      stop.abort();
    }, stop.signal);
    await running;
    assert.deepEqual(seen, ["later"]);
    assert.ok(Date.now() - started >= 29);
    queue.add("after-stop");
    assert.equal(queue.length, 0);
  });
});
