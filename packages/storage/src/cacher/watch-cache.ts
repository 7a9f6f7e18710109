// The watch cache: the resource's current objects (the index), its recent
// changes (the history), and the revision both are at. The reflector feeds it;
// the cacher reads it and is told about every change, to fan it out.
//
// Everything here is synchronous: a change updates the index, the history and
// the revision in one step, so a reader that snapshots the index and registers
// a watcher in one synchronous step can never miss or repeat a change.

import type { KubeObject } from "@tskube/apimachinery";
import type { CacheEvent } from "./cache-event.js";
import { EventHistory, type HistoryLimits } from "./event-history.js";
import type { ResourceKeys } from "./key-scope.js";
import { ObjectIndex } from "./object-index.js";
import type { ReflectorTarget, UpstreamChange } from "./reflector.js";
import { Waiters } from "./waiters.js";

/** How often a request waiting for the cache to catch up asks the store for progress. */
const PROGRESS_REQUEST_INTERVAL_MS = 100;

export interface WatchCacheListener<T extends KubeObject> {
  /** A change was applied (called once per change, in revision order). */
  onEvent(event: CacheEvent<T>): void;
  /** The cache lost track of the store and will relist: its watchers cannot be continued. */
  onInvalidate(reason: string): void;
}

export class WatchCache<T extends KubeObject> implements ReflectorTarget<T> {
  readonly index: ObjectIndex<T>;
  readonly history: EventHistory<CacheEvent<T>>;
  /** Every change up to this revision is in the index (0 until the first list). */
  revision = 0;
  /** True once the first list is in, false again while a relist is due. */
  ready = false;
  private readonly waiters = new Waiters();
  private progressTimer: NodeJS.Timeout | undefined;
  /** Pending waitUntilFresh calls: progress is requested while there are any. */
  private freshnessWaits = 0;

  constructor(
    keys: ResourceKeys,
    historyLimits: HistoryLimits,
    private readonly listener: WatchCacheListener<T>,
    /** Asks the upstream watch for a progress report; false when it cannot. */
    private readonly requestProgress: () => boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.index = new ObjectIndex<T>(keys);
    this.history = new EventHistory<CacheEvent<T>>(historyLimits, 0);
  }

  // --- fed by the reflector ---

  invalidate(reason: string): void {
    this.ready = false;
    this.listener.onInvalidate(reason);
  }

  replace(entries: [string, T][], revision: number): void {
    this.index.clear();
    for (const [key, obj] of entries) this.index.set(key, obj);
    this.history.reset(revision);
    this.revision = revision;
    this.ready = true;
    this.waiters.check();
  }

  apply(changes: UpstreamChange<T>[]): void {
    for (const change of changes) {
      if (change.revision <= this.revision) continue; // already seen (a re-watch may overlap)
      const previous = change.object ? this.index.set(change.key, change.object) : this.index.delete(change.key);
      this.revision = change.revision;
      if (!change.object && !previous) continue; // deleting a key we never had: nothing to tell
      const event: CacheEvent<T> = {
        revision: change.revision,
        key: change.key,
        object: change.object,
        previous: previous ?? null,
        recordedAt: this.now(),
      };
      this.history.add(event, event.recordedAt);
      this.listener.onEvent(event);
    }
    this.waiters.check();
  }

  progress(revision: number): void {
    if (revision <= this.revision) return;
    this.revision = revision;
    this.waiters.check();
  }

  // --- read by the cacher ---

  /**
   * Resolves true once the cache is ready and has seen `revision`; false after
   * `timeoutMs`. Meanwhile it asks the upstream watch for progress reports: an
   * idle resource gets no events, so only they can move its revision.
   */
  async waitUntilFresh(revision: number, timeoutMs: number): Promise<boolean> {
    const fresh = () => this.ready && this.revision >= revision;
    if (fresh()) return true;
    if (this.freshnessWaits++ === 0) this.startProgressRequests();
    try {
      return await this.waiters.waitUntil(fresh, timeoutMs);
    } finally {
      if (--this.freshnessWaits === 0) this.stopProgressRequests();
    }
  }

  /** Resolves true once `condition()` holds (checked after every change); false after `timeoutMs`. */
  waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
    return this.waiters.waitUntil(condition, timeoutMs);
  }

  /** Watches from before `revision` get 410 Expired from now on (see Cacher.forgetHistoryBefore). */
  forgetHistoryBefore(revision: number): void {
    this.history.forgetThrough(revision - 1);
  }

  /** The cacher is stopping: no longer ready, and every pending wait resolves false. */
  close(): void {
    this.ready = false;
    this.waiters.cancelAll();
    this.stopProgressRequests();
  }

  // While someone waits for freshness, ask for progress now and every so often.
  private startProgressRequests(): void {
    if (this.progressTimer) return;
    if (!this.requestProgress()) return;
    this.progressTimer = setInterval(() => this.requestProgress(), PROGRESS_REQUEST_INTERVAL_MS);
    this.progressTimer.unref();
  }

  private stopProgressRequests(): void {
    clearInterval(this.progressTimer);
    this.progressTimer = undefined;
  }
}
