// Tuning of a Cacher, with the defaults and the reasons for them.

export interface CacherOptions {
  /** The resource's key prefix, e.g. `/pods`: every key this cacher serves is under it. */
  resourcePrefix: string;

  /**
   * The event history (the ring of recent events; its span is the watch window).
   * Its capacity adapts between `minEvents` and `maxEvents`: it doubles when it
   * is full of events younger than `minAgeMs`, and halves when even its newest
   * quarter is older than that. So at a steady rate it keeps at least `minAgeMs`
   * of history (upstream keeps >= 75 s), and under a burst its memory stays bounded.
   */
  history?: {
    /** Default 100. */
    minEvents?: number;
    /** Default 10,240 (upstream allows 102,400; we keep old object versions, so less). */
    maxEvents?: number;
    /** Default 75,000 ms, as upstream. */
    minAgeMs?: number;
  };

  /**
   * Events a watcher may fall behind by; a watcher whose buffer is full is
   * ended with an ERROR event so it re-watches, and never slows the others.
   * Default 1000.
   */
  watcherBufferSize?: number;

  /** How often watchers that allow bookmarks get one with the current resourceVersion. Default 60,000 ms. */
  bookmarkIntervalMs?: number;

  /**
   * How long a request that needs a newer revision than the cache has (a
   * resourceVersion ahead of it, or a consistent read) waits for the cache to
   * catch up, before a 504 (or, for consistent lists, a read from the store).
   * Default 3000 ms, as upstream.
   */
  waitForFreshTimeoutMs?: number;

  /** Retry delays of the upstream list and watch after a failure: doubling from `initialMs` to `maxMs`. */
  retryBackoff?: {
    /** Default 100 ms. */
    initialMs?: number;
    /** Default 10,000 ms. */
    maxMs?: number;
  };

  /** Where the cacher reports upstream failures it recovers from. Default: console.warn. */
  log?: (message: string) => void;
}

/** CacherOptions with every default filled in. */
export interface ResolvedCacherOptions {
  resourcePrefix: string;
  history: { minEvents: number; maxEvents: number; minAgeMs: number };
  watcherBufferSize: number;
  bookmarkIntervalMs: number;
  waitForFreshTimeoutMs: number;
  retryBackoff: { initialMs: number; maxMs: number };
  log: (message: string) => void;
}

export function resolveCacherOptions(opts: CacherOptions): ResolvedCacherOptions {
  const prefix = opts.resourcePrefix.replace(/\/+$/, "");
  if (!prefix.startsWith("/") || prefix.length < 2) {
    throw new Error(`resourcePrefix must look like "/pods", got ${JSON.stringify(opts.resourcePrefix)}`);
  }
  const minEvents = opts.history?.minEvents ?? 100;
  const maxEvents = Math.max(opts.history?.maxEvents ?? 10_240, minEvents);
  return {
    resourcePrefix: prefix,
    history: { minEvents, maxEvents, minAgeMs: opts.history?.minAgeMs ?? 75_000 },
    watcherBufferSize: opts.watcherBufferSize ?? 1000,
    bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000,
    waitForFreshTimeoutMs: opts.waitForFreshTimeoutMs ?? 3000,
    retryBackoff: { initialMs: opts.retryBackoff?.initialMs ?? 100, maxMs: opts.retryBackoff?.maxMs ?? 10_000 },
    log: opts.log ?? ((message) => console.warn(message)),
  };
}
