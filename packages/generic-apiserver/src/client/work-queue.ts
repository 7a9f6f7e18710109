// A work queue of keys for controllers (upstream: client-go's workqueue):
//
// - a key added while it waits is queued once;
// - a key added while it is being processed is processed again afterwards,
//   never by two workers at once;
// - a failed key comes back after a delay that doubles with each failure
//   (5 ms, 10 ms, ... up to `maxRetryDelayMs`), and starts over once it succeeds.
//
//   const queue = new WorkQueue({ name: "namespace" });
//   informer.addHandlers({ added: (ns) => queue.add(ns.metadata.name!) });
//   await queue.run((key) => sync(key), signal);

import type { Logger } from "../server/logger.js";

export interface WorkQueueOptions {
  /** Shown in logs. */
  name: string;
  /** Longest wait before retrying a failed key. Default 5 s. */
  maxRetryDelayMs?: number;
  /** First retry delay. Default 5 ms. */
  baseRetryDelayMs?: number;
  logger?: Logger;
}

export class WorkQueue {
  private readonly waiting: string[] = [];
  /** Keys queued (in `waiting`, or to be queued again once processed). */
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Workers waiting for a key. */
  private sleepers: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly options: WorkQueueOptions) {}

  add(key: string): void {
    if (this.stopped || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.waiting.push(key);
    this.wakeWorkers();
  }

  addAfter(key: string, delayMs: number): void {
    if (this.stopped) return;
    if (delayMs <= 0) return this.add(key);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.add(key);
    }, delayMs);
    this.timers.add(timer);
  }

  /** Adds `key` again after its retry delay, which doubles with each call until forget(key). */
  addRateLimited(key: string): void {
    const failures = this.failures.get(key) ?? 0;
    this.failures.set(key, failures + 1);
    const base = this.options.baseRetryDelayMs ?? 5;
    const max = this.options.maxRetryDelayMs ?? 5_000;
    this.addAfter(key, Math.min(base * 2 ** failures, max));
  }

  /** The key succeeded: its next failure waits the shortest delay again. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  get length(): number {
    return this.waiting.length;
  }

  /**
   * Processes keys with `sync` until `signal` aborts; `workers` keys at most at
   * once. A key whose sync throws is retried with backoff (and the error logged).
   */
  async run(sync: (key: string) => Promise<void>, signal: AbortSignal, workers = 1): Promise<void> {
    const stop = () => this.shutDown();
    if (signal.aborted) stop();
    signal.addEventListener("abort", stop, { once: true });
    try {
      await Promise.all(Array.from({ length: workers }, () => this.worker(sync)));
    } finally {
      signal.removeEventListener("abort", stop);
    }
  }

  /** Stops handing out keys; pending delays are dropped. */
  shutDown(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.wakeWorkers();
  }

  private async worker(sync: (key: string) => Promise<void>): Promise<void> {
    for (;;) {
      const key = await this.next();
      if (key === undefined) return;
      try {
        await sync(key);
        this.forget(key);
      } catch (err) {
        if (!this.stopped) {
          this.options.logger?.error(`${this.options.name}: syncing ${JSON.stringify(key)} failed; retrying`, err);
          this.addRateLimited(key);
        }
      } finally {
        this.done(key);
      }
    }
  }

  private async next(): Promise<string | undefined> {
    while (this.waiting.length === 0) {
      if (this.stopped) return undefined;
      await new Promise<void>((resolve) => this.sleepers.push(resolve));
    }
    if (this.stopped) return undefined;
    const key = this.waiting.shift() as string;
    this.dirty.delete(key);
    this.processing.add(key);
    return key;
  }

  private wakeWorkers(): void {
    for (const wake of this.sleepers.splice(0)) wake();
  }

  private done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key) && !this.stopped) {
      this.waiting.push(key);
      this.wakeWorkers();
    }
  }
}
