// The compactor: periodically forgets old revisions so the kv store does not
// grow forever (upstream: storage/etcd3/compact.go).
//
// Each tick compacts to the revision seen at the *previous* tick, so at least
// one full interval of history is always kept: a watcher or paginated list that
// is less than one interval behind never sees 410 Expired.

import type { KvDriver } from "./kv/types.js";

export interface CompactorOptions {
  /** Time between compactions (`--etcd-compaction-interval`); default 5 minutes; 0 disables. */
  intervalMs?: number;
  /** Told about failures (a compaction that fails is retried at the next tick). */
  onError?: (err: unknown) => void;
}

export interface Compactor {
  /** Run one tick now (compact to the revision seen at the previous tick). */
  tick(): Promise<void>;
  stop(): void;
}

export function startCompactor(kv: KvDriver, opts: CompactorOptions = {}): Compactor {
  const intervalMs = opts.intervalMs ?? 5 * 60_000;
  let previousRevision = 0;
  let running: Promise<void> | null = null;

  const tick = async (): Promise<void> => {
    if (running) return running;
    running = (async () => {
      try {
        const current = await kv.currentRevision();
        const compacted = await kv.compactedRevision();
        if (previousRevision > compacted) await kv.compact(previousRevision);
        previousRevision = current;
      } catch (err) {
        opts.onError?.(err);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const timer = intervalMs > 0 ? setInterval(() => void tick(), intervalMs) : null;
  timer?.unref();
  return {
    tick,
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}
