// The Cacher: the same Storage interface as the Store, in front of it, for one
// resource (upstream: storage/cacher). It lists and watches the store once
// (the Reflector), keeps every object in memory (the WatchCache's index) and
// the recent changes (its history), and serves from memory:
//
//   watch   from R inside the history: replayed from memory, then live;
//           R older than the history: ERROR 410 Expired; R newer than the
//           cache: wait for it to catch up (bounded), else ERROR 504;
//           "" or "0": the current state as ADDED events, then live.
//   list    "0": from memory (any state; the limit is ignored, as upstream);
//           "" (consistent): from memory once the cache has caught up with the
//           store's current revision, else from the store;
//           "N" (not older than): from memory once the cache has seen N;
//           exact N, or a continue token: from the store (unless the cache is
//           exactly at N).
//   get     "": from the store (one key); "0" and "N": as list.
//   writes  to the store; update and delete start from the cached object.
//
// Writes through the cacher return once the cache shows them (bounded), so
// reads from memory on this server see its own acknowledged writes.
//
// Each change is fanned out to the interested watchers (by namespace, then key
// scope and selectors); all watchers that get the same kind of event get the
// same SharedWatchEvent object, which memoizes its encoding.

import {
  type KubeObject,
  type Status,
  isStatusError,
  newInternalError,
  newResourceExpired,
  newTooManyRequests,
} from "@tskube/apimachinery";
import { StorageError, interpretStorageError } from "../errors.js";
import type {
  DeleteOptions,
  GetOptions,
  GuaranteedUpdateOptions,
  ListOptions,
  ListResult,
  SelectionPredicate,
  Storage,
  WatchEvent,
  WatchOptions,
} from "../interfaces.js";
import { encodeContinue } from "../store/continue-token.js";
import { predicateIsEverything, predicateMatches } from "../store/predicate.js";
import { objectRevision, parseResourceVersion, tooLargeResourceVersionMessage } from "../store/resource-version.js";
import type { Store } from "../store/store.js";
import { bookmarkObject } from "../store/watch.js";
import { initialStateEvents, replayedEvents } from "./backlog.js";
import { EventFanOut, type CacheEvent } from "./cache-event.js";
import { type CacheWatch, CacheWatcher, errorWatch, storeWatchAsCacheWatch } from "./cache-watcher.js";
import { type KeyScope, ResourceKeys } from "./key-scope.js";
import { type CacherOptions, type ResolvedCacherOptions, resolveCacherOptions } from "./options.js";
import { Reflector } from "./reflector.js";
import { SharedWatchEvent } from "./shared-event.js";
import { WatchCache } from "./watch-cache.js";
import { WatcherSet } from "./watcher-set.js";

/**
 * When the upstream watch cannot be asked for progress, how long a request
 * that needs a newer revision waits for changes already on their way before
 * it lets the store answer (an idle resource would never catch up).
 */
const IN_FLIGHT_WAIT_MS = 100;

export interface CacherWatchOptions<T extends KubeObject = KubeObject> extends WatchOptions<T> {
  /** End the watch after this many seconds, with a final BOOKMARK when bookmarks are allowed. */
  timeoutSeconds?: number;
}

export interface CacherStats {
  objects: number;
  historyEvents: number;
  historyCapacity: number;
  watchers: number;
  /** Lists answered from memory and by the store, since the start. */
  listsFromMemory: number;
  listsFromStore: number;
}

/**
 * Can the cache serve a read that needs revision R?
 * - fresh: the cache has seen R.
 * - behind: the store has R, but the cache could not confirm it in time: the store answers.
 * - future: not even the store has R (a 504, once the wait is over).
 */
type Freshness = "fresh" | "behind" | "future";

export class Cacher<T extends KubeObject = KubeObject> implements Storage<T> {
  readonly resourcePrefix: string;
  private readonly opts: ResolvedCacherOptions;
  private readonly keys: ResourceKeys;
  private readonly cache: WatchCache<T>;
  private readonly reflector: Reflector<T>;
  private readonly watchers = new WatcherSet<T>();
  private readonly bookmarkTimer: NodeJS.Timeout;
  private stopped = false;
  private listsFromMemory = 0;
  private listsFromStore = 0;

  constructor(
    readonly store: Store<T>,
    options: CacherOptions,
  ) {
    this.opts = resolveCacherOptions(options);
    this.resourcePrefix = this.opts.resourcePrefix;
    this.keys = new ResourceKeys(this.resourcePrefix);
    this.cache = new WatchCache<T>(
      this.keys,
      this.opts.history,
      {
        onEvent: (event) => this.dispatch(event),
        onInvalidate: (reason) => {
          const message = `the watch cache of ${this.resourcePrefix} is being rebuilt (${reason}); list again`;
          this.endAllWatchers(newResourceExpired(message).status);
        },
      },
      () => this.reflector.requestProgress(),
    );
    this.reflector = new Reflector<T>(
      {
        kv: store.kv,
        kvPrefix: store.fullKey(this.keys.root),
        pathPrefix: store.pathPrefix,
        backoff: this.opts.retryBackoff,
        log: this.opts.log,
      },
      this.cache,
    );
    this.bookmarkTimer = setInterval(() => this.sendBookmarks(), this.opts.bookmarkIntervalMs);
    this.bookmarkTimer.unref();
    this.reflector.start();
  }

  // --- lifecycle and introspection ---

  /** Resolves true once the first list is in memory; false after `timeoutMs`. */
  waitUntilReady(timeoutMs = this.opts.waitForFreshTimeoutMs): Promise<boolean> {
    return this.cache.waitUntil(() => this.cache.ready, timeoutMs);
  }

  get isReady(): boolean {
    return this.cache.ready;
  }

  /** The revision the cache has reached. */
  get revision(): number {
    return this.cache.revision;
  }

  /** Counts, for tests and metrics. */
  get stats(): CacherStats {
    return {
      objects: this.cache.index.size,
      historyEvents: this.cache.history.length,
      historyCapacity: this.cache.history.capacity,
      watchers: this.watchers.size,
      listsFromMemory: this.listsFromMemory,
      listsFromStore: this.listsFromStore,
    };
  }

  /**
   * Forget the history before `revision`, as the store forgets it when
   * compacted to `revision`: a watch from an older revision then gets 410
   * Expired from the cacher too. The cacher's window is independent of the
   * store's compaction (upstream's too); this is for tests that compact the
   * store and expect the same answers through the cacher.
   */
  forgetHistoryBefore(revision: number): void {
    this.cache.forgetHistoryBefore(revision);
  }

  /** Stop following the store; every watch ends. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.bookmarkTimer);
    this.reflector.stop();
    this.cache.close();
    this.endAllWatchers();
  }

  // --- writes: to the store ---

  async create(key: string, obj: T, opts?: { ttlSeconds?: number }): Promise<T> {
    const created = await this.store.create(key, obj, opts);
    await this.showsOwnWrite(key, () => this.cache.revision >= objectRevision(created));
    return created;
  }

  async guaranteedUpdate(key: string, opts: GuaranteedUpdateOptions<T>): Promise<T> {
    const cachedExisting = opts.cachedExisting ?? this.cachedObject(key);
    const updated = await this.store.guaranteedUpdate(key, cachedExisting ? { ...opts, cachedExisting } : opts);
    await this.showsOwnWrite(key, () => this.cache.revision >= objectRevision(updated));
    return updated;
  }

  async delete(key: string, opts: DeleteOptions<T> = {}): Promise<T> {
    const cachedExisting = opts.cachedExisting ?? this.cachedObject(key);
    const last = await this.store.delete(key, cachedExisting ? { ...opts, cachedExisting } : opts);
    // The deletion's revision is not returned: wait until the cache holds neither this version nor an older one.
    await this.showsOwnWrite(key, () => {
      const cached = this.cache.index.get(key);
      return !cached || objectRevision(cached) > objectRevision(last);
    });
    return last;
  }

  // --- reads ---

  get(key: string, opts?: GetOptions & { ignoreNotFound?: false }): Promise<T>;
  get(key: string, opts: GetOptions & { ignoreNotFound: true }): Promise<T | null>;
  get(key: string, opts?: GetOptions): Promise<T | null>;
  async get(key: string, opts: GetOptions = {}): Promise<T | null> {
    const rv = opts.resourceVersion ?? "";
    const requested = parseResourceVersion(rv);
    // A consistent get is one key from the store: cheap and always fresh (as upstream).
    if (rv === "" || !this.keys.contains(key) || !this.cache.ready) return this.store.get(key, opts);
    const freshness = await this.catchUp(requested);
    if (freshness === "future") throw this.tooLarge(key, requested);
    if (freshness === "behind" || !this.cache.ready) return this.store.get(key, opts);
    const obj = this.cache.index.get(key);
    if (obj) return obj;
    if (opts.ignoreNotFound) return null;
    const full = this.store.fullKey(key);
    throw new StorageError("KeyNotFound", full, `key ${full} not found`);
  }

  async getList(keyPrefix: string, opts: ListOptions<T> = {}): Promise<ListResult<T>> {
    const recursive = opts.recursive ?? true;
    const rv = opts.resourceVersion ?? "";
    const requested = parseResourceVersion(rv);
    const match = opts.resourceVersionMatch ?? "";
    const pred = opts.predicate;
    const limit = recursive && pred?.limit && pred.limit > 0 ? pred.limit : 0;
    const fromStore = () => {
      this.listsFromStore++;
      return this.store.getList(keyPrefix, opts);
    };
    const fromMemory = (scope: KeyScope, pageSize: number) => {
      this.listsFromMemory++;
      return this.listFromCache(scope, pred, pageSize);
    };

    // Continuing a paginated list reads the first page's snapshot: the store's job.
    // So are invalid requests (the store rejects them) and reads while the cache (re)lists.
    if ((recursive && pred?.continue) || (match !== "" && rv === "") || !this.cache.ready) return fromStore();
    const scope = this.keys.scopeOf(keyPrefix, recursive);

    if (match === "Exact" || (match === "" && requested > 0 && limit > 0)) {
      // Exactly revision N (a legacy list with a limit is exact too): only the store has old
      // revisions, but if the cache is exactly at N it holds precisely that state.
      return this.cache.revision === requested ? fromMemory(scope, limit) : fromStore();
    }
    if (rv === "0") return fromMemory(scope, 0);

    const required = rv === "" ? await this.store.currentResourceVersion() : requested;
    const freshness = await this.catchUp(required);
    if (freshness === "future") throw this.tooLarge(keyPrefix, required);
    if (freshness === "behind" || !this.cache.ready) return fromStore();
    return fromMemory(scope, limit);
  }

  async watch(keyPrefix: string, opts: CacherWatchOptions<T> = {}): Promise<CacheWatch<T>> {
    const recursive = opts.recursive ?? true;
    const scope = this.keys.scopeOf(keyPrefix, recursive);
    const requested = parseResourceVersion(opts.resourceVersion);
    const initialEvents = opts.sendInitialEvents ?? requested === 0;
    const timeoutMs = Math.max(0, (opts.timeoutSeconds ?? 0) * 1000);
    const initializing = () =>
      errorWatch<T>(newTooManyRequests(`the watch cache of ${this.resourcePrefix} is initializing`, 1).status);

    if (!(await this.waitUntilReady())) return initializing();
    // sendInitialEvents without a resourceVersion asks for a consistent start.
    const required = initialEvents && opts.sendInitialEvents && !opts.resourceVersion
      ? await this.store.currentResourceVersion()
      : requested;
    const freshness = await this.catchUp(required);
    if (freshness === "future") return errorWatch<T>(this.statusOf(this.tooLarge(keyPrefix, required)));
    if (freshness === "behind") return storeWatchAsCacheWatch(await this.store.watch(keyPrefix, opts), timeoutMs);
    if (!this.cache.ready) return initializing();

    // From here on everything is synchronous: the backlog is taken and the watcher
    // registered before any further change is applied, so none is missed or repeated.
    let backlog: Iterator<WatchEvent<T>>;
    if (initialEvents) {
      const end = opts.sendInitialEvents && opts.allowWatchBookmarks
        ? new SharedWatchEvent("BOOKMARK", bookmarkObject<T>(this.cache.revision, true))
        : null;
      backlog = initialStateEvents(this.select(scope, opts.predicate), end);
    } else if (requested === 0) {
      backlog = initialStateEvents<T>([], null); // sendInitialEvents=false: changes from now on
    } else if (requested < this.cache.history.resumableFrom) {
      return errorWatch<T>(newResourceExpired("The resourceVersion for the provided watch is too old.").status);
    } else {
      backlog = replayedEvents(this.cache.history.since(requested), scope, opts.predicate);
    }
    const watcher = new CacheWatcher<T>({
      scope,
      predicate: opts.predicate,
      allowBookmarks: opts.allowWatchBookmarks ?? false,
      bufferSize: this.opts.watcherBufferSize,
      backlog,
      currentRevision: () => this.cache.revision,
      timeoutMs,
      onEnd: (w) => this.watchers.remove(w),
    });
    this.watchers.add(watcher);
    return watcher;
  }

  count(keyPrefix: string): Promise<number> {
    return this.store.count(keyPrefix);
  }

  currentResourceVersion(): Promise<number> {
    return this.store.currentResourceVersion();
  }

  // --- internals ---

  /** Objects in `scope` that match `pred`, in key order, as the cache holds them now. */
  private select(scope: KeyScope, pred: SelectionPredicate<T> | undefined): T[] {
    return this.listFromCache(scope, pred, 0).items;
  }

  /** A list from memory, at the cache's revision. A page (limit > 0) ends with a continue token for the store. */
  private listFromCache(scope: KeyScope, pred: SelectionPredicate<T> | undefined, limit: number): ListResult<T> {
    const revision = this.cache.revision;
    const index = this.cache.index;
    const run = index.keysIn(scope);
    const items: T[] = [];
    let i = run.from;
    for (; i < run.to; i++) {
      if (limit > 0 && items.length >= limit) break;
      const obj = index.get(run.keys.at(i)) as T;
      if (predicateMatches(pred, obj)) items.push(obj);
    }
    const result: ListResult<T> = { items, resourceVersion: String(revision) };
    if (limit > 0 && i < run.to && scope.kind !== "key") {
      // The next pages come from the store, at this same revision.
      result.continue = encodeContinue(`${run.keys.at(i - 1)}\0`, scope.prefix, revision);
      if (predicateIsEverything(pred)) result.remainingItemCount = run.to - i;
    }
    return result;
  }

  /** Wait (bounded) until the cache has seen `revision`; see Freshness. */
  private async catchUp(revision: number): Promise<Freshness> {
    if (this.cache.ready && this.cache.revision >= revision) return "fresh";
    const timeoutMs = this.opts.waitForFreshTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    // With progress requests the cache learns the store's revision even when this resource
    // is idle; without them only changes already on their way can arrive: ask the store sooner.
    const firstWait = this.reflector.canRequestProgress ? timeoutMs : Math.min(IN_FLIGHT_WAIT_MS, timeoutMs);
    if (await this.cache.waitUntilFresh(revision, firstWait)) return "fresh";
    if (revision <= (await this.store.currentResourceVersion())) return "behind";
    // Not even the store has reached it: wait out the timeout (as upstream does), then 504.
    const rest = deadline - Date.now();
    if (rest > 0 && (await this.cache.waitUntilFresh(revision, rest))) return "fresh";
    return revision <= (await this.store.currentResourceVersion()) ? "behind" : "future";
  }

  /** After a write of `key` through this cacher: wait (bounded) until the cache shows it. */
  private async showsOwnWrite(key: string, condition: () => boolean): Promise<void> {
    if (!this.keys.contains(key) || !this.reflector.isWatching || !this.cache.ready) return;
    await this.cache.waitUntil(condition, this.opts.waitForFreshTimeoutMs);
  }

  private cachedObject(key: string): T | undefined {
    return this.cache.ready ? this.cache.index.get(key) : undefined;
  }

  private dispatch(change: CacheEvent<T>): void {
    if (this.watchers.size === 0) return;
    const fanOut = new EventFanOut(change);
    this.watchers.forEachInterested(this.keys.namespaceOf(change.key), (watcher) => watcher.send(fanOut));
  }

  private sendBookmarks(): void {
    if (!this.cache.ready || this.watchers.size === 0) return;
    const bookmark = new SharedWatchEvent("BOOKMARK", bookmarkObject<T>(this.cache.revision));
    for (const watcher of this.watchers.all()) watcher.sendBookmark(bookmark);
  }

  private endAllWatchers(status?: Status): void {
    for (const watcher of this.watchers.all()) watcher.end(status);
  }

  private tooLarge(key: string, revision: number): StorageError {
    return new StorageError(
      "ResourceVersionTooLarge",
      this.store.fullKey(key),
      tooLargeResourceVersionMessage(revision, this.cache.revision),
    );
  }

  /** The Status an ERROR event carries for a storage error (the registry knows no better name here). */
  private statusOf(err: StorageError): Status {
    const apiErr = interpretStorageError(err, { group: "", resource: "" }, "", "watch");
    return isStatusError(apiErr) ? apiErr.status : newInternalError(err).status;
  }
}
