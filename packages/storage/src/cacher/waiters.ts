// Requests waiting for the cache to reach some state ("has seen revision R",
// "no longer holds this version of key K"), each with its own deadline. The
// cache calls `check()` after every change; waits are few and short, so
// checking each condition every time is cheap and simple.

interface Waiter {
  condition: () => boolean;
  resolve: (satisfied: boolean) => void;
  timer: NodeJS.Timeout;
}

export class Waiters {
  private readonly waiting = new Set<Waiter>();

  get size(): number {
    return this.waiting.size;
  }

  /** Resolves true as soon as `condition()` holds, false after `timeoutMs` (or on `cancelAll`). */
  waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    if (condition()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        condition,
        resolve,
        timer: setTimeout(() => this.finish(waiter, false), timeoutMs),
      };
      this.waiting.add(waiter);
    });
  }

  /** Re-check every condition (the cache changed). */
  check(): void {
    for (const waiter of this.waiting) if (waiter.condition()) this.finish(waiter, true);
  }

  cancelAll(): void {
    for (const waiter of this.waiting) this.finish(waiter, false);
  }

  private finish(waiter: Waiter, satisfied: boolean): void {
    if (!this.waiting.delete(waiter)) return;
    clearTimeout(waiter.timer);
    waiter.resolve(satisfied);
  }
}
