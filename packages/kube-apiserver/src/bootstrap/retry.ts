// Start-up work that must wait for storage (etcd may still be starting, or
// down for a while): try, and on failure log and try again after 100 ms,
// 200 ms, ... at most 5 s apart, until it succeeds or the server shuts down.

import { type Logger, sleep } from "@tskube/generic-apiserver";

export interface RetryOptions {
  signal: AbortSignal;
  logger?: Logger;
  /** Errors that trying again cannot fix: logged, and the work is given up. */
  giveUpOn?: (err: unknown) => boolean;
}

/** Runs `attempt` until it succeeds; false if it was given up or the server shut down first. */
export async function retryUntilDone(what: string, attempt: () => Promise<void>, opts: RetryOptions): Promise<boolean> {
  for (let delayMs = 100; ; delayMs = Math.min(delayMs * 2, 5_000)) {
    try {
      await attempt();
      return true;
    } catch (err) {
      if (opts.signal.aborted) return false; // shutting down: nothing left to do
      if (opts.giveUpOn?.(err)) {
        opts.logger?.error(`${what} failed; not trying again`, err);
        return false;
      }
      opts.logger?.error(`${what} failed; retrying`, err);
      await sleep(delayMs, opts.signal);
    }
  }
}
