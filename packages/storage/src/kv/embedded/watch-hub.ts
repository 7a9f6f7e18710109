// Watchers of the embedded driver: catch-up from the log, then live events.
//
// A watcher from revision R first reads the log (rows with id >= R) page by
// page, then switches to the events the write batcher publishes after each
// commit. The switch must neither lose nor repeat an event. It is gap-free
// because everything here runs on the one JavaScript thread and better-sqlite3
// is synchronous: a commit and its publish() happen in one synchronous step,
// and so do reading a page of the log and (when that page is the last one)
// joining the live watchers. No commit can land between the two, so the last
// page ends exactly where the live events begin. While it catches up, a
// watcher ignores live events: whatever is committed meanwhile is in the log,
// and a later page reads it.
//
// Delivery is always deferred (a microtask) and per watcher in order, so
// onEvents never runs inside watch() or inside a commit.

import { CompactedError, UnavailableError } from "../errors.js";
import type { KvEvent, KvWatch, KvWatchCallbacks } from "../types.js";

/** What the hub needs from the store. */
export interface EventLog {
  /** Committed events for keys starting with `prefix`, revision >= `from`, oldest first, at most `limit`. */
  eventsFrom(prefix: string, from: number, limit: number): KvEvent[];
  currentRevision(): number;
  compactedRevision(): number;
}

/** Rows read from the log per step of a catch-up; between steps other work (and commits) can run. */
const CATCH_UP_PAGE = 1000;

function revisionOf(event: KvEvent): number {
  return event.kv.modRevision;
}

class Watcher implements KvWatch {
  /** The next revision this watcher must deliver. */
  nextRevision: number;
  private state: "catching-up" | "live" | "ended" = "catching-up";
  private pending: KvEvent[] = [];
  private pendingProgress: number | undefined;
  private deliveryScheduled = false;

  constructor(
    private readonly hub: WatchHub,
    readonly prefix: string,
    fromRevision: number,
    private readonly callbacks: KvWatchCallbacks,
  ) {
    this.nextRevision = fromRevision;
  }

  get ended(): boolean {
    return this.state === "ended";
  }

  goLive(): void {
    this.state = "live";
  }

  /** Queues events (already filtered and in order) for delivery. */
  push(events: KvEvent[]): void {
    if (this.state === "ended" || events.length === 0) return;
    for (const event of events) this.pending.push(event);
    this.nextRevision = revisionOf(events[events.length - 1]!) + 1;
    this.scheduleDelivery();
  }

  /** Reports, after the events queued so far, that everything up to `revision` was delivered. */
  pushProgress(revision: number): void {
    if (this.state === "ended" || !this.callbacks.onProgress) return;
    this.pendingProgress = revision;
    this.scheduleDelivery();
  }

  /**
   * Progress on demand (the watch cache asks, to serve consistent reads of an
   * idle prefix from memory). Commits publish to live watchers synchronously,
   * so a live watcher has been handed everything up to the log's current
   * revision; a watcher still catching up reports progress at the hand-over.
   */
  requestProgress(): void {
    if (this.state === "live") this.pushProgress(this.hub.currentRevision());
  }

  fail(err: Error): void {
    if (this.state === "ended") return;
    this.end();
    this.callbacks.onError(err);
  }

  cancel(): void {
    this.end();
  }

  private end(): void {
    this.state = "ended";
    this.pending = [];
    this.pendingProgress = undefined;
    this.hub.remove(this);
  }

  private scheduleDelivery(): void {
    if (this.deliveryScheduled) return;
    this.deliveryScheduled = true;
    queueMicrotask(() => this.deliver());
  }

  private deliver(): void {
    this.deliveryScheduled = false;
    if (this.state === "ended") return;
    const events = this.pending;
    const progress = this.pendingProgress;
    this.pending = [];
    this.pendingProgress = undefined;
    if (events.length > 0) this.callbacks.onEvents(events);
    // onEvents may have cancelled the watch.
    if (progress !== undefined && !this.ended) this.callbacks.onProgress?.(progress);
  }
}

export class WatchHub {
  private readonly live = new Set<Watcher>();
  private readonly catchingUp = new Set<Watcher>();

  constructor(private readonly log: EventLog) {}

  watch(prefix: string, fromRevision: number, callbacks: KvWatchCallbacks): KvWatch {
    if (fromRevision <= 0) {
      // Only future changes: nothing to read, join the live watchers now.
      const watcher = new Watcher(this, prefix, this.log.currentRevision() + 1, callbacks);
      watcher.goLive();
      this.live.add(watcher);
      return watcher;
    }
    const watcher = new Watcher(this, prefix, fromRevision, callbacks);
    this.catchingUp.add(watcher);
    setImmediate(() => this.catchUp(watcher));
    return watcher;
  }

  currentRevision(): number {
    return this.log.currentRevision();
  }

  /** Called after each commit with its events, in revision order. */
  publish(events: KvEvent[]): void {
    if (events.length === 0) return;
    for (const watcher of this.live) {
      const next = watcher.nextRevision;
      watcher.push(events.filter((e) => revisionOf(e) >= next && e.kv.key.startsWith(watcher.prefix)));
    }
  }

  remove(watcher: Watcher): void {
    this.live.delete(watcher);
    this.catchingUp.delete(watcher);
  }

  /** Ends every watch with UnavailableError (the store is closing). */
  closeAll(): void {
    for (const watcher of [...this.catchingUp, ...this.live]) {
      watcher.fail(new UnavailableError("embedded kv store was closed"));
    }
  }

  /** One step of a catch-up: read a page of the log; the last page hands over to live events. */
  private catchUp(watcher: Watcher): void {
    if (watcher.ended) return;
    const compacted = this.log.compactedRevision();
    if (watcher.nextRevision < compacted) {
      watcher.fail(new CompactedError(watcher.nextRevision, compacted));
      return;
    }
    const page = this.log.eventsFrom(watcher.prefix, watcher.nextRevision, CATCH_UP_PAGE);
    watcher.push(page);
    if (page.length === CATCH_UP_PAGE) {
      setImmediate(() => this.catchUp(watcher));
      return;
    }
    // Caught up: the log holds nothing newer for this prefix, and no commit can
    // happen before the next line, so live events continue exactly from here.
    this.catchingUp.delete(watcher);
    this.live.add(watcher);
    watcher.goLive();
    watcher.pushProgress(this.log.currentRevision());
  }
}
