// The concurrency runner: N workers each call `op` in a loop, one call at a
// time, until a total count is reached or a duration has passed. With N
// workers there are at most N calls in flight, like N clients each waiting
// for its answer before sending the next request.

export interface RunOptions {
  /** Number of workers (calls in flight). */
  concurrency: number;
  /** Stop after this many calls in all (shared between the workers). */
  count?: number;
  /** Stop starting new calls after this many milliseconds. */
  durationMs?: number;
  /** Run `op` for this long first, uncounted (JIT, connections, caches). Default 0. */
  warmupMs?: number;
}

export interface RunResult {
  /** Calls completed in the measured part. */
  ops: number;
  /** Wall time of the measured part, in milliseconds. */
  elapsedMs: number;
  opsPerSec: number;
  /** CPU time this process used per call (user + system, all threads), in microseconds. */
  cpuUsPerOp: number;
}

/**
 * Run `op` on `concurrency` workers until `count` calls or `durationMs` (give
 * one or both; whichever comes first). `op` gets the worker's index. The first
 * error stops all workers; run() rejects with it once every worker has stopped.
 */
export async function run(opts: RunOptions, op: (worker: number) => Promise<unknown>): Promise<RunResult> {
  if (opts.count === undefined && opts.durationMs === undefined) {
    throw new Error("run(): give a count, a durationMs, or both");
  }
  if (opts.warmupMs) await loop(opts.concurrency, Infinity, opts.warmupMs, op);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const ops = await loop(opts.concurrency, opts.count ?? Infinity, opts.durationMs ?? Infinity, op);
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { ops, elapsedMs, opsPerSec: ops / (elapsedMs / 1000), cpuUsPerOp: (cpu.user + cpu.system) / ops };
}

/** Time one call, `times` times in a row; the median in milliseconds. */
export async function medianMs(times: number, op: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await op();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** The median of some numbers (NaN for none). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] ?? NaN;
  return sorted.length === 0 ? NaN : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The workers; resolves to the number of calls completed. */
async function loop(
  concurrency: number,
  count: number,
  durationMs: number,
  op: (worker: number) => Promise<unknown>,
): Promise<number> {
  const deadline = performance.now() + durationMs;
  let started = 0;
  let completed = 0;
  let failed = false;
  const worker = async (index: number): Promise<void> => {
    while (!failed && started < count && performance.now() < deadline) {
      started++;
      try {
        await op(index);
      } catch (err) {
        failed = true;
        throw err;
      }
      completed++;
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: concurrency }, (_, i) => worker(i)));
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
  if (failure) throw failure.reason;
  return completed;
}
