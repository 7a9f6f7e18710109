// How much CPU a server's worker thread used, for the "µs/request" columns.
//
// Linux's per-thread scheduler statistics (/proc/thread-self/schedstat) give
// the time the thread actually ran. Event-loop utilization would also count
// the time a busy thread waited for a core, which inflates every figure when,
// as here, more busy threads than cores share the machine. Where
// /proc/thread-self is missing, the event loop's busy time is the fallback.

import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

function schedstatMicros(): number | undefined {
  try {
    return Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]) / 1000;
  } catch {
    return undefined;
  }
}

/** Call `sinceLast()` on the thread to measure: the CPU time (µs) it used since the previous call (or its creation). */
export class ThreadCpuMeter {
  private cpu = schedstatMicros();
  private elu = performance.eventLoopUtilization();

  sinceLast(): number {
    const cpu = schedstatMicros();
    const elu = performance.eventLoopUtilization();
    const used = cpu !== undefined && this.cpu !== undefined ? cpu - this.cpu : performance.eventLoopUtilization(elu, this.elu).active * 1000;
    this.cpu = cpu;
    this.elu = elu;
    return used;
  }
}
