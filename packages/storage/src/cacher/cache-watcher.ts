// One client's watch on the cacher.
//
// It yields, in order: its backlog (the initial ADDED events, or the history
// replayed from its resourceVersion; produced lazily as the client reads),
// then the live events the dispatcher pushes into its bounded buffer (an
// EventChannel). The buffer fills only if the client reads slower than events
// arrive; then the watch is ended with an ERROR event, the client re-watches
// from the last resourceVersion it saw, and nobody else waits for it.

import { type KubeObject, type Status, newInternalError } from "@tskube/apimachinery";
import type { SelectionPredicate, Watch, WatchEvent } from "../interfaces.js";
import { bookmarkObject } from "../store/watch.js";
import { EventChannel } from "../watch/channel.js";
import type { EventFanOut } from "./cache-event.js";
import { type KeyScope, scopeContains } from "./key-scope.js";
import { SharedWatchEvent } from "./shared-event.js";

/** A watch served by the cacher. */
export interface CacheWatch<T extends KubeObject = KubeObject> extends Watch<T> {
  /**
   * End the watch the way a timeout does: a last BOOKMARK with the current
   * resourceVersion (if the watch allows bookmarks), so the client resumes
   * from there without a relist, then the end of the events.
   */
  endWithBookmark(): void;
}

export interface CacheWatcherOptions<T extends KubeObject> {
  scope: KeyScope;
  predicate: SelectionPredicate<T> | undefined;
  allowBookmarks: boolean;
  bufferSize: number;
  /** Events that come before the live ones. */
  backlog: Iterator<WatchEvent<T>>;
  /** The cache's revision now (for the final bookmark). */
  currentRevision: () => number;
  /** End the watch by itself after this long, with a final bookmark (0 = never). */
  timeoutMs: number;
  /** Called once when the watch ends, however it ends. */
  onEnd: (watcher: CacheWatcher<T>) => void;
}

export class CacheWatcher<T extends KubeObject> implements CacheWatch<T> {
  readonly scope: KeyScope;
  readonly allowBookmarks: boolean;
  private readonly predicate: SelectionPredicate<T> | undefined;
  private readonly channel: EventChannel<WatchEvent<T>>;
  private backlog: Iterator<WatchEvent<T>> | null;
  /** The client called stop(): nothing more is yielded, buffered or not. */
  private stopped = false;
  private readonly timeout: NodeJS.Timeout | undefined;

  constructor(private readonly opts: CacheWatcherOptions<T>) {
    this.scope = opts.scope;
    this.predicate = opts.predicate;
    this.allowBookmarks = opts.allowBookmarks;
    this.backlog = opts.backlog;
    this.channel = new EventChannel<WatchEvent<T>>(opts.bufferSize, () => {
      clearTimeout(this.timeout);
      opts.onEnd(this);
    });
    if (opts.timeoutMs > 0) {
      this.timeout = setTimeout(() => this.endWithBookmark(), opts.timeoutMs);
      this.timeout.unref();
    }
  }

  /** Events buffered and not yet read (for tests and metrics). */
  get buffered(): number {
    return this.channel.length;
  }

  get ended(): boolean {
    return this.channel.isClosed;
  }

  /** Offer a live change; the watcher takes it if it is in its scope and selection. */
  send(fanOut: EventFanOut<T>): void {
    if (!scopeContains(this.scope, fanOut.change.key)) return;
    let event: WatchEvent<T> | null;
    try {
      event = fanOut.eventFor(this.predicate);
    } catch (err) {
      // The watcher's own selection failed (e.g. its getAttrs threw): end it, not the dispatch.
      this.end(newInternalError(err).status);
      return;
    }
    if (event && !this.channel.push(event)) {
      this.end(
        newInternalError(
          new Error(`the watcher fell more than ${this.opts.bufferSize} events behind and was closed; watch again`),
        ).status,
      );
    }
  }

  /** Offer a periodic bookmark; skipped when the buffer is full (the next change tells the client anyway). */
  sendBookmark(bookmark: SharedWatchEvent<T>): void {
    if (this.allowBookmarks) this.channel.push(bookmark);
  }

  /** End the watch after what is buffered, with a final ERROR event when `status` is given. */
  end(status?: Status): void {
    if (status) this.channel.pushForce({ type: "ERROR", object: status });
    this.channel.close();
  }

  endWithBookmark(): void {
    if (this.channel.isClosed) return;
    if (this.allowBookmarks) {
      this.channel.pushForce(new SharedWatchEvent("BOOKMARK", bookmarkObject<T>(this.opts.currentRevision())));
    }
    this.channel.close();
  }

  stop(): void {
    this.stopped = true;
    this.backlog = null;
    this.channel.close();
  }

  next(): Promise<IteratorResult<WatchEvent<T>>> {
    if (this.stopped) return Promise.resolve({ value: undefined, done: true });
    if (this.backlog) {
      const item = this.backlog.next();
      if (!item.done) return Promise.resolve(item);
      this.backlog = null;
    }
    return this.channel.next();
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchEvent<T>> {
    return {
      next: () => this.next(),
      return: () => {
        this.stop();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

/** A watch that yields one ERROR event and ends (how watch failures reach the client, as upstream does). */
export function errorWatch<T extends KubeObject>(status: Status): CacheWatch<T> {
  const channel = new EventChannel<WatchEvent<T>>(1);
  channel.pushForce({ type: "ERROR", object: status });
  channel.close();
  return {
    stop: () => channel.close(),
    endWithBookmark: () => channel.close(),
    [Symbol.asyncIterator]: () => channel[Symbol.asyncIterator](),
  };
}

/** A store watch (the cacher's fallback) with the CacheWatch shape: it ends without a bookmark. */
export function storeWatchAsCacheWatch<T extends KubeObject>(watch: Watch<T>, timeoutMs: number): CacheWatch<T> {
  const timer = timeoutMs > 0 ? setTimeout(() => watch.stop(), timeoutMs) : undefined;
  timer?.unref();
  const stop = () => {
    clearTimeout(timer);
    watch.stop();
  };
  return { stop, endWithBookmark: stop, [Symbol.asyncIterator]: () => watch[Symbol.asyncIterator]() };
}
